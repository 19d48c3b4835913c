package dev.iamkit.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iamkit.model.RoleId;
import dev.iamkit.model.TeamId;
import dev.iamkit.model.UserId;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChangeLogTest {
    private static final UUID ANA = UUID.randomUUID();
    private static final UUID BEN = UUID.randomUUID();
    private static final UUID SALES = UUID.randomUUID();
    private static final UUID CLERK = UUID.randomUUID();
    private static final UUID READER = UUID.randomUUID();

    private static boolean touchesAna(ChangeLog log, long from, long to) {
        return log.touches(from, to, ANA, Set.of(SALES), Set.of(CLERK));
    }

    @Test
    void changesToOthersLeaveAnEntryValidAndChangesToItsUserTeamsOrRolesDoNot() {
        ChangeLog log = new ChangeLog();
        log.heard(1, Impact.user(new UserId(BEN)));
        log.heard(2, Impact.role(new RoleId(READER)));
        log.heard(3, Impact.team(new TeamId(UUID.randomUUID())));
        log.heard(4, Impact.nothing());
        assertThat(touchesAna(log, 0, 4)).isFalse();
        assertThat(touchesAna(log, 4, 4)).isFalse();

        log.heard(5, Impact.user(new UserId(ANA)));
        log.heard(6, Impact.team(new TeamId(SALES)));
        log.heard(7, Impact.role(new RoleId(CLERK)));
        log.heard(8, Impact.everything());
        assertThat(touchesAna(log, 4, 5)).isTrue();
        assertThat(touchesAna(log, 5, 6)).isTrue();
        assertThat(touchesAna(log, 6, 7)).isTrue();
        assertThat(touchesAna(log, 7, 8)).isTrue();
        assertThat(touchesAna(log, 8, 8)).isFalse();
    }

    @Test
    void aRevisionNotHeardTouchesEverything() {
        ChangeLog log = new ChangeLog();
        log.heard(1, Impact.nothing());
        log.heard(3, Impact.nothing());
        assertThat(touchesAna(log, 0, 1)).isFalse();
        assertThat(touchesAna(log, 0, 3)).isTrue();     // 2 was not heard
        assertThat(touchesAna(log, 2, 3)).isFalse();
        log.heard(2, Impact.nothing());
        assertThat(touchesAna(log, 0, 3)).isFalse();
    }

    @Test
    void unknownDependenciesCountEveryRoleAndTeamChangeButNotOtherUsers() {
        ChangeLog log = new ChangeLog();
        log.heard(1, Impact.user(new UserId(BEN)));
        log.heard(2, Impact.role(new RoleId(READER)));
        assertThat(log.touches(0, 1, ANA, null, null)).isFalse();
        assertThat(log.touches(0, 2, ANA, null, null)).isTrue();
    }

    @Test
    void onlyTheLastSizeRevisionsAreKept() {
        ChangeLog log = new ChangeLog();
        for (long r = 1; r <= ChangeLog.SIZE + 10; r++) {
            log.heard(r, Impact.nothing());
        }
        assertThat(touchesAna(log, 5, ChangeLog.SIZE + 10)).isTrue();    // revisions 6..10 were overwritten
        assertThat(touchesAna(log, 10, ChangeLog.SIZE + 10)).isFalse();
        log.heard(3, Impact.everything());                               // too old to matter: ignored
        assertThat(touchesAna(log, 10, ChangeLog.SIZE + 10)).isFalse();
    }

    @Test
    void heardTwiceTheWiderReachIsKept() {
        ChangeLog log = new ChangeLog();
        log.heard(1, Impact.user(new UserId(BEN)));
        log.heard(1, Impact.user(new UserId(BEN)));
        assertThat(touchesAna(log, 0, 1)).isFalse();
        log.heard(1, Impact.role(new RoleId(READER)));      // two different reaches for one revision: everything
        assertThat(touchesAna(log, 0, 1)).isTrue();
        ChangeLog other = new ChangeLog();
        other.heard(1, Impact.everything());
        other.heard(1, Impact.nothing());
        assertThat(touchesAna(other, 0, 1)).isTrue();
    }
}
