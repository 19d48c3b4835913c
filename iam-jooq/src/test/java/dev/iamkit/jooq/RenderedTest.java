package dev.iamkit.jooq;

import static dev.iamkit.jooq.generated.Tables.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** Statements rendered once: parameters by name, literals and casts left alone, values built in refused. */
class RenderedTest {
    private final Settings settings = new Settings();

    @Test
    void aParameterUsedTwiceIsBoundTwiceAndLiteralsStay() {
        var org = DSL.param("org", SQLDataType.UUID);
        var query = DSL.update(ROLE).set(ROLE.NAME, DSL.inline("it's :not a parameter"))
                .where(ROLE.ORG_ID.eq(org), ROLE.ID.eq(DSL.param("id", SQLDataType.UUID)), ROLE.ORG_ID.eq(org));
        Rendered r = Rendered.of(settings, query, "id", "org");
        assertThat(r.sql()).contains("'it''s :not a parameter'").doesNotContain(":org").doesNotContain(":id");
        assertThat(r.sql().chars().filter(c -> c == '?').count()).isEqualTo(3);
    }

    @Test
    void aValueBuiltIntoTheStatementOrAnUndeclaredParameterIsRefused() {
        var built = DSL.update(ROLE).set(ROLE.NAME, "x").where(ROLE.ID.eq(UUID.randomUUID()));
        assertThatThrownBy(() -> Rendered.of(settings, built)).isInstanceOf(IllegalStateException.class).hasMessageContaining("named parameter");
        var named = DSL.update(ROLE).set(ROLE.NAME, DSL.param("name", SQLDataType.CLOB));
        assertThatThrownBy(() -> Rendered.of(settings, named)).isInstanceOf(IllegalStateException.class).hasMessageContaining(":name");
        assertThatThrownBy(() -> Rendered.of(settings, named, "name", "spare")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(":spare");
    }

    @Test
    void aValueOfAnotherClassThanItsParametersIsRefusedBeforeItIsSent() {
        var query = DSL.update(ROLE).set(ROLE.NAME, DSL.param("name", SQLDataType.CLOB)).where(ROLE.ID.eq(DSL.param("id", SQLDataType.UUID)));
        Rendered r = Rendered.of(settings, query, "name", "id");
        // refused before the connection is used (none is given here): the id as text would have been sent as another type
        assertThatThrownBy(() -> r.execute(null, "x", UUID.randomUUID().toString())).isInstanceOf(dev.iamkit.error.StorageException.class)
                .hasMessageContaining("parameter 2 takes UUID, not java.lang.String");
        assertThat(Rendered.NullOf.of(String.class)).isEqualTo(Rendered.NullOf.TEXT);
        assertThat(Rendered.NullOf.of(org.jooq.JSON.class)).as("JSON parameters take their text").isEqualTo(Rendered.NullOf.TEXT);
        var decimal = DSL.update(ROLE).set(ROLE.NAME, DSL.param("amount", SQLDataType.NUMERIC).cast(SQLDataType.CLOB));
        assertThatThrownBy(() -> Rendered.of(settings, decimal, "amount")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no typed null").hasMessageContaining("BigDecimal");
    }
}
