package io.github.dindjunit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContainerUserTest {

    private static final String PASSWD = String.join("\n",
            "root:x:0:0:root:/root:/bin/bash",
            "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
            "rootless:x:1234:5678::/home/rootless:/bin/bash",
            "");

    private static final String GROUP = String.join("\n",
            "root:x:0:",
            "users:x:100:",
            "rootless:x:5678:",
            "");

    @Test
    void emptyUserIsRoot() {
        ContainerUser user = ContainerUser.parse("", PASSWD, GROUP);

        assertThat(user).isEqualTo(ContainerUser.ROOT);
        assertThat(user.isRoot()).isTrue();
    }

    @Test
    void nameResolvesToIdsFromPasswd() {
        ContainerUser user = ContainerUser.parse("rootless", PASSWD, GROUP);

        assertThat(user).isEqualTo(new ContainerUser("rootless", 1234, 5678));
        assertThat(user.isRoot()).isFalse();
    }

    @Test
    void uidResolvesToNameAndPrimaryGroup() {
        assertThat(ContainerUser.parse("1234", PASSWD, GROUP)).isEqualTo(new ContainerUser("rootless", 1234, 5678));
    }

    @Test
    void unknownUidHasGroupZero() {
        assertThat(ContainerUser.parse("4321", PASSWD, GROUP)).isEqualTo(new ContainerUser("4321", 4321, 0));
    }

    @Test
    void groupNameOverridesPrimaryGroup() {
        assertThat(ContainerUser.parse("rootless:users", PASSWD, GROUP))
                .isEqualTo(new ContainerUser("rootless", 1234, 100));
    }

    @Test
    void numericGroupNeedsNoEntry() {
        assertThat(ContainerUser.parse("4321:8765", PASSWD, GROUP)).isEqualTo(new ContainerUser("4321", 4321, 8765));
    }

    @Test
    void rootByNameIsRoot() {
        assertThat(ContainerUser.parse("root", PASSWD, GROUP).isRoot()).isTrue();
    }

    @Test
    void unknownNameIsRejected() {
        assertThatThrownBy(() -> ContainerUser.parse("nobody", PASSWD, GROUP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("User 'nobody' has no entry in the container's /etc/passwd");
    }

    @Test
    void unknownGroupNameIsRejected() {
        assertThatThrownBy(() -> ContainerUser.parse("rootless:wheel", PASSWD, GROUP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Group 'wheel' has no entry in the container's /etc/group");
    }

    @Test
    void commentsAndShortLinesAreSkipped() {
        String passwd = "# accounts\n\nbroken:line\n" + PASSWD;

        assertThat(ContainerUser.parse("rootless", passwd, GROUP)).isEqualTo(new ContainerUser("rootless", 1234, 5678));
    }
}
