package org.sms1069.filter;

/** Why a message is blocked; when several apply, the verdict names the most serious (declaration order). */
public enum Category {
    PROHIBITED, MARKETING, FORMAT
}
