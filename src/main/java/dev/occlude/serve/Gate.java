package dev.occlude.serve;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who may ask the server anything: only its own page, and scripts given its address. Every request
 * carries the random token printed at start ({@code token} query parameter or {@code X-Occlude-Token}
 * header), on loopback too, else 401: other users of the machine reach a loopback port as well.
 * A request that a browser marks as coming from another origin ({@code Origin}, {@code
 * Sec-Fetch-Site}) gets 403 whatever it carries, but for opening the page itself. On loopback,
 * the Host header must name the machine by {@code localhost} or an address, never a name another
 * site could point here (DNS rebinding). docs/SERVE.md says why a token in the address and no cookie.
 */
final class Gate {
    /** The header scripts and the page's own requests carry the token in. */
    static final String HEADER = "X-Occlude-Token";

    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");
    /** The page's script and style: the same for everyone, holding nothing of the user's, loaded by the page without the token. */
    /** The page's scripts, served from its resources. */
    static final List<String> SCRIPTS = List.of("canvas.js", "maps.js", "app.js");
    private static final Set<String> PUBLIC = Stream.concat(SCRIPTS.stream().map(s -> "/" + s),
            Stream.of("/app.css")).collect(Collectors.toUnmodifiableSet());

    private final String token;
    private final boolean loopback;
    private volatile int port;

    /** A gate with a new random token (128 bits); {@code loopback} when the server binds a loopback address. */
    Gate(boolean loopback) {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        this.token = HexFormat.of().formatHex(b);
        this.loopback = loopback;
    }

    String token() {
        return token;
    }

    void port(int p) {
        port = p;
    }

    void check(Context ctx) {
        String host = ctx.header("Host");
        if (loopback && !ownHost(host)) {
            refuse(ctx, 403, "this server answers requests to localhost:" + port + " or an address of this machine only");
        } else if (!pageOpened(ctx) && !sameOrigin(ctx, host)) {
            refuse(ctx, 403, "this server answers its own page only, not a page of another site");
        } else if (!PUBLIC.contains(ctx.path()) && !carriesToken(ctx)) {
            refuse(ctx, 401, "this server asks for the token in the address it printed at start (?token=...)");
        } else {
            // the page and its answers are never framed by another site, and never name the token to one
            ctx.header("X-Frame-Options", "DENY").header("Referrer-Policy", "no-referrer")
                    .header("X-Content-Type-Options", "nosniff");
        }
    }

    /** The page itself, opened as a document: from a link anywhere, as long as it carries the token. */
    private static boolean pageOpened(Context ctx) {
        String mode = ctx.header("Sec-Fetch-Mode");
        return "GET".equals(ctx.method().name()) && "/".equals(ctx.path()) && (mode == null || "navigate".equals(mode));
    }

    /**
     * Whether a browser says the request comes from the server's own page: no Origin or the server's
     * own, and no Sec-Fetch-Site or same-origin (or none: typed in the address bar). Clients that
     * are no browser send neither; the token is what they must show.
     */
    private static boolean sameOrigin(Context ctx, String host) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !OWN_SITE.contains(site.toLowerCase(Locale.ROOT))) {
            return false;
        }
        String origin = ctx.header("Origin");
        return origin == null || (host != null && origin.equalsIgnoreCase("http://" + host));
    }

    private boolean carriesToken(Context ctx) {
        String given = ctx.header(HEADER);
        if (given == null) {
            given = ctx.queryParam("token");
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether a Host header names this machine on the server's port: {@code localhost} or a loopback
     * address literal (127.0.0.0/8, {@code [::1]}, {@code [::ffff:7f00:1]}; an address cannot be pointed
     * elsewhere as a name can). Another machine's address is refused: this server binds loopback only.
     */
    private boolean ownHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        String suffix = ":" + port;
        if (!h.endsWith(suffix)) {
            return false;
        }
        String name = h.substring(0, h.length() - suffix.length());
        return name.equals("localhost") || loopbackLiteral(name);
    }

    /** Whether {@code name} is an IPv4 literal or a bracketed IPv6 literal of a loopback address (parsed, never looked up). */
    static boolean loopbackLiteral(String name) {
        if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            // parsed here: Java looks up a dotted name whose numbers are out of range (999.0.0.1) as a host name
            int[] octets = Arrays.stream(name.split("\\.")).mapToInt(Integer::parseInt).toArray();
            return octets[0] == 127 && Arrays.stream(octets).allMatch(o -> o <= 255);
        }
        if (!name.matches("\\[[0-9a-f.]*:[0-9a-f:.]*]")) {
            return false;
        }
        try {
            // a colon inside: Java parses it as an IPv6 address and never looks it up
            return InetAddress.getByName(name.substring(1, name.length() - 1)).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // not an address (:::::)
        }
    }

    private static void refuse(Context ctx, int status, String message) {
        Answers.error(ctx, status, message);
        ctx.skipRemainingHandlers();
    }
}
