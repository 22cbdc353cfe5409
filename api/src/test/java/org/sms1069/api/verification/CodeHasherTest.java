package org.sms1069.api.verification;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CodeHasherTest {
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void codesUseTheAppsLengthAndAlphabet() {
        CodeHasher hasher = new CodeHasher(MASTER_KEY);
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = hasher.newCode(8, "ABC123");
            assertThat(code).hasSize(8).matches("[ABC123]{8}");
            code.chars().forEach(c -> seen.add((char) c));
        }
        assertThat(seen).containsExactlyInAnyOrder('A', 'B', 'C', '1', '2', '3');
    }

    @Test
    void theHashBindsAppSceneAndPhoneAndDependsOnTheMasterKey() {
        CodeHasher hasher = new CodeHasher(MASTER_KEY);
        byte[] hash = hasher.hash("app_A", "login", "13800138000", "482913");
        assertThat(hash).hasSize(32);
        assertThat(CodeHasher.same(hash, hasher.hash("app_A", "login", "13800138000", "482913"))).isTrue();
        assertThat(CodeHasher.same(hash, hasher.hash("app_B", "login", "13800138000", "482913"))).isFalse();
        assertThat(CodeHasher.same(hash, hasher.hash("app_A", "reset", "13800138000", "482913"))).isFalse();
        assertThat(CodeHasher.same(hash, hasher.hash("app_A", "login", "13900139000", "482913"))).isFalse();
        assertThat(CodeHasher.same(hash, hasher.hash("app_A", "login", "13800138000", "482914"))).isFalse();
        byte[] otherKey = new byte[32];
        new SecureRandom().nextBytes(otherKey);
        CodeHasher other = new CodeHasher(Base64.getEncoder().encodeToString(otherKey));
        assertThat(CodeHasher.same(hash, other.hash("app_A", "login", "13800138000", "482913"))).isFalse();
    }
}
