package dev.iamkit.jooq;

import dev.iamkit.IamDatabase;
import dev.iamkit.model.MagicLinkId;
import dev.iamkit.model.UserId;
import dev.iamkit.support.PersonalDataCipher;
import dev.iamkit.support.PersonalDataCipher.WrappedKey;
import dev.iamkit.testkit.PersonalDataFixture;
import dev.iamkit.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The personal data contracts' view of PostgreSQL: rows are read and changed as the schema's owner, past row level security, as a backup or an intruder would. */
final class PostgresPersonalDataFixture implements PersonalDataFixture {
    private final PostgresFixture fixture;

    /** Over a schema of its own, labelled {@code name}. */
    PostgresPersonalDataFixture(String name) {
        fixture = new PostgresFixture(name);
    }

    @Override
    public IamDatabase open(Clock clock, PersonalDataCipher cipher) {
        return fixture.open(clock, cipher);
    }

    @Override
    public IamDatabase reopen(IamDatabase db, Clock clock, PersonalDataCipher cipher) {
        return fixture.reopen(db, clock, cipher);
    }

    @Override
    public StoredUser stored(IamDatabase db, UserId id) {
        String s = fixture.schema();
        return query("SELECT u.email, u.display_name, u.personal_data, k.master_key_id, k.wrapped_key FROM " + s + ".app_user u LEFT JOIN " + s
                + ".user_data_key k ON k.user_id = u.id WHERE u.id = ?", id, rs -> {
                    rs.next();
                    return new StoredUser(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getBytes(3)),
                            Optional.ofNullable(rs.getString(4)).map(m -> {
                                try {
                                    return new WrappedKey(m, rs.getBytes(5));
                                } catch (SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            }));
                });
    }

    @Override
    public StoredChallenge storedChallenge(IamDatabase db, MagicLinkId id) {
        try (Connection c = PostgresTestDatabase.get().connect(); PreparedStatement ps = c.prepareStatement("SELECT email, sealed_email, master_key_id FROM "
                + fixture.schema() + ".magic_link_challenge WHERE id = ?")) {
            ps.setObject(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new StoredChallenge(rs.getString(1), Optional.ofNullable(rs.getBytes(2)), Optional.ofNullable(rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<WrappedKey> dataKeys(IamDatabase db) {
        return query("SELECT master_key_id, wrapped_key FROM " + fixture.schema() + ".user_data_key", null, rs -> {
            List<WrappedKey> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(new WrappedKey(rs.getString(1), rs.getBytes(2)));
            }
            return keys;
        });
    }

    @Override
    public void tamper(IamDatabase db, UserId id) {
        // flips the lowest bit of the last byte (the tag's)
        PostgresTestDatabase.get().execute("UPDATE " + fixture.schema() + ".app_user SET personal_data = set_byte(personal_data, "
                + "length(personal_data) - 1, get_byte(personal_data, length(personal_data) - 1) # 1) WHERE id = '" + id.value() + "'");
    }

    private interface Rows<R> {
        R read(ResultSet rs) throws SQLException;
    }

    private static <R> R query(String sql, UserId id, Rows<R> rows) {
        try (Connection c = PostgresTestDatabase.get().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setObject(1, id.value());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rows.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
