package org.sms1069.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sms1069.filter.ContentFilterTestSupport.FILTER;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    private static final List<String> MESSAGES = List.of(
            "【青禾银行】您的验证码是 4821，5分钟内有效。",
            "【橙光超市】优 惠 多 多，满 1 0 0 减 2 0，回T退订",
            "【蓝莓快递】您的包裹已到达驿站，取件码 6-2-3301。",
            "菠菜平台新开，注册就送58元彩金");

    @Test
    void oneInstanceGivesTheSameVerdictsOnManyThreads() throws Exception {
        List<Verdict> expected = MESSAGES.stream().map(m -> FILTER.check(FilterMessage.untyped(m))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        int k = i % MESSAGES.size();
                        if (!FILTER.check(FilterMessage.untyped(MESSAGES.get(k))).equals(expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
