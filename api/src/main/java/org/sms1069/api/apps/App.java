package org.sms1069.api.apps;

/** An app that sends through the platform; its extension follows the 1069 number as sender. */
public record App(String id, String name, String extension, AppSettings settings) {
}
