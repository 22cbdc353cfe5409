package org.sms1069.filter.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.sms1069.filter.ContentFilter;
import org.sms1069.filter.FilterMessage;
import org.sms1069.filter.Verdict;

/**
 * Messages per second on one thread with the full shipped lexicon, over a mix of typical
 * 30-200 char messages: seven legitimate (codes, notifications, a weather warning) and three
 * that are blocked (disguised marketing, a gambling pitch), each checked in turn.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class ContentFilterBenchmark {

    static final String[] MESSAGES = {
        "【云杉笔记】您的验证码是 482913，5分钟内有效，请勿泄露给他人。如非本人操作，请忽略本短信。",
        "【蓝莓快递】您的包裹已到达朝阳区望京驿站，取件码 8-2-3301，请于今日20:00前凭取件码领取，如有疑问请致电95338。",
        "【青禾银行】您尾号6621的储蓄卡于3月2日10:15转入人民币500.00元，当前余额3,210.40元。",
        "【橙光超市】周 年 庆 优 惠 多 多，全场满１００减３０，会员再享9.5折，活动仅限本周末，回T退订",
        "【潮鞋工厂】高品质运动鞋youhui价99元一双，包you，加wx：cx_shoes88，名额有限先到先得！",
        "【晴天体育】您已成功报名“春季亲子跑”活动，集合时间4月6日7:30，地点奥森公园南门，请提前15分钟签到，凭本短信领取参赛包。",
        "菠菜平台新开，注册就送58元彩金，体育电竞全覆盖，秒到账！加扣扣 2291834476",
        "【长河市气象台】长河市气象台发布暴雨黄色预警：预计未来6小时我市大部分地区将出现50毫米以上降水，请注意防范城市内涝，非必要不外出。",
        "【青橙商城】您的订单2024051288371已发货，承运商：迅风快递，运单号XF30028119546，预计明天送达。",
        "【星河银行】动态码836207，您正在进行网上银行登录操作，有效期5分钟。请勿将动态码告诉任何人。",
    };

    private ContentFilter filter;
    private FilterMessage[] messages;
    private int next;

    @Setup
    public void setUp() {
        filter = ContentFilter.withDefaultRules();
        messages = new FilterMessage[MESSAGES.length];
        for (int i = 0; i < MESSAGES.length; i++) {
            messages[i] = FilterMessage.untyped(MESSAGES[i]);
        }
    }

    @Benchmark
    public Verdict check() {
        FilterMessage message = messages[next];
        next = next + 1 == messages.length ? 0 : next + 1;
        return filter.check(message);
    }
}
