package org.sms1069.messaging.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.server.RequestPath;

import static org.assertj.core.api.Assertions.assertThat;

class GuardedPathsTest {
    private static final GuardedPaths ADMIN = GuardedPaths.of("/admin/**");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/admin", "/admin/", "/admin/portability/1", "/admin;x/portability/1", "/admin;a=1;b/p",
            "/%61dmin/p", "/%41DMIN/p", "//admin/p", "/admin//p", "/x/../admin/p", "/./admin/p", "/a/b/../../admin/p",
            "/ADMIN/p", "/Admin/p", "/admin%2Fp", "/%2Fadmin/p", "/%2e/admin/p", "/x/%2e%2e/admin/p"})
    void everySpellingOfAGuardedPathIsCovered(String path) {
        assertThat(ADMIN.covers(RequestPath.parse(path, null))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/administrator/p", "/v1/admin", "/adm/in", "/admin/../v1/x", "/%61dmi"})
    void otherPathsAreNot(String path) {
        assertThat(ADMIN.covers(RequestPath.parse(path, null))).isFalse();
    }
}
