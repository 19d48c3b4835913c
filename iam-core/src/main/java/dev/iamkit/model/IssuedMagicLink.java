package dev.iamkit.model;

/**
 * A new challenge and its secret token, which exists only here: the store keeps its SHA-256
 * digest. Send the token (with the challenge id) to the user; {@link #toString} leaves it out.
 */
public record IssuedMagicLink(MagicLinkChallenge challenge, String token) {
    public IssuedMagicLink {
        Validate.notNull("challenge", challenge);
        Validate.string("token", token);
    }

    @Override
    public String toString() {
        return "IssuedMagicLink[challenge=" + challenge + ", token=<secret>]";
    }
}
