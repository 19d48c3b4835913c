package dev.iamkit.model;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Generates RFC 9562 version 7 UUIDs: 48 bits of Unix milliseconds, then a 12-bit counter, then 62
 * random bits. Within one process the values strictly increase even when the clock stands still
 * or steps back (the counter, then the millisecond, is advanced), so ids sort in creation order.
 */
public final class Uuid7 {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis = -1;
    private static int counter;

    private Uuid7() {
    }

    public static UUID next(Clock clock) {
        long millis = clock.millis();
        long ms;
        int seq;
        synchronized (Uuid7.class) {
            if (millis > lastMillis) {
                lastMillis = millis;
                counter = RANDOM.nextInt(1 << 11); // leave headroom so a burst rarely overflows into the next ms
            } else if (++counter > 0xFFF) {
                lastMillis++;
                counter = 0;
            }
            ms = lastMillis;
            seq = counter;
        }
        long msb = (ms & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (seq & 0xFFF);
        long lsb = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
