package io.marketswarm.store;

/**
 * Makes Redis URIs safe to log. Stateless; any thread.
 */
public final class RedisUris {

    /** What a redacted password reads as. */
    public static final String MASK = "***";

    private RedisUris() {
    }

    /**
     * Replaces the password of a Redis URI with {@value #MASK}, keeping the user name: {@code redis://user:pw@host}
     * becomes {@code redis://user:***@host}, {@code redis://:pw@host:1/0} becomes {@code redis://:***@host:1/0}, and a
     * bare {@code redis://pw@host} (Lettuce reads a user-info without a colon as a password) becomes
     * {@code redis://***@host}. Everything up to the last {@code @} counts as user-info, so a password holding an
     * unescaped {@code /}, {@code ?} or {@code @} is still masked (over-masking is preferred to a leak). A
     * {@code password=} query parameter is masked too.
     *
     * @param uri any string, may be {@code null} or malformed.
     * @return the URI without its password; {@code null} for {@code null}. Text that is not a URI is returned as is.
     */
    public static String redact(final String uri) {
        if (uri == null) {
            return null;
        }
        return maskQueryPassword(maskUserInfo(uri));
    }

    /**
     * @param uri a Redis URI, not {@code null}.
     * @return the password exactly as written in the user-info (still percent-encoded), or {@code null} if none.
     */
    static String password(final String uri) {
        final int[] span = passwordSpan(uri);
        return span == null || span[0] == span[1] ? null : uri.substring(span[0], span[1]);
    }

    private static String maskUserInfo(final String uri) {
        final int[] span = passwordSpan(uri);
        return span == null ? uri : uri.substring(0, span[0]) + MASK + uri.substring(span[1]);
    }

    /** @return start (inclusive) and end (exclusive) of the password in {@code uri}, or {@code null}. */
    private static int[] passwordSpan(final String uri) {
        final int schemeEnd = uri.indexOf("://");
        final int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        final int at = uri.lastIndexOf('@');
        if (at < authorityStart) {
            return null;
        }
        final int colon = uri.indexOf(':', authorityStart);
        return new int[] {colon >= 0 && colon < at ? colon + 1 : authorityStart, at};
    }

    private static String maskQueryPassword(final String uri) {
        final int query = uri.indexOf('?');
        if (query < 0) {
            return uri;
        }
        final StringBuilder out = new StringBuilder(uri.length()).append(uri, 0, query + 1);
        final String[] params = uri.substring(query + 1).split("&", -1);
        for (int i = 0; i < params.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            final String param = params[i];
            if (param.regionMatches(true, 0, "password=", 0, "password=".length())) {
                out.append(param, 0, "password=".length()).append(MASK);
            } else {
                out.append(param);
            }
        }
        return out.toString();
    }
}
