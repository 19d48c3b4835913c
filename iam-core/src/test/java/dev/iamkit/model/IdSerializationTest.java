package dev.iamkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdSerializationTest {

    private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void everyKindOfIdComesBackEqualThroughJavaSerialization() throws Exception {
        UUID u = Uuid7.next(java.time.Clock.systemUTC());
        for (Id<?> id : List.of(OrgId.of(u), UserId.of(u), RoleId.of(u), FeatureId.of(u), new ApiKeyId(u))) {
            assertThat(roundTrip(id)).isEqualTo(id).isInstanceOf(id.getClass());
        }
    }
}
