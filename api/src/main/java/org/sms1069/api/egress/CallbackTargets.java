package org.sms1069.api.egress;

import org.sms1069.messaging.net.Cidr;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where callbacks may go: {@code https} URLs (or {@code http} with {@code sms.callbacks.allow-http}) whose host is a
 * public address. Loopback, link-local (cloud metadata), private, shared (CGNAT), multicast and unspecified addresses
 * are refused unless {@code sms.callbacks.allowed-networks} lets them in. Checked when a URL is set and again at each
 * send on the addresses the host resolves to then, which are the only ones connected to (a DNS answer that changed
 * in between cannot redirect a callback inside).
 */
@Component
public class CallbackTargets {
    private static final List<Cidr> INTERNAL = Cidr.parseAll(List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8"));

    private final boolean allowHttp;
    private final List<Cidr> allowed;

    public CallbackTargets(EgressProperties properties) {
        this.allowHttp = properties.allowHttp();
        this.allowed = Cidr.parseAll(properties.allowedNetworks());
    }

    /** Why {@code url} cannot be a callback URL (resolving its host now), or empty if it can. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("callbackUrl is not a valid URL");
        }
        Optional<String> shape = shapeRefusal(uri);
        if (shape.isPresent()) {
            return shape;
        }
        try {
            InetAddress[] addresses = resolve(uri.getHost());
            return Arrays.stream(addresses).filter(this::refused).findFirst()
                    .map(a -> "callbackUrl's host " + uri.getHost() + " is an internal address (" + a.getHostAddress()
                            + "): loopback, link-local, private, shared and multicast addresses are refused");
        } catch (UnknownHostException e) {
            return Optional.of("callbackUrl's host " + uri.getHost() + " does not resolve");
        }
    }

    /** Why {@code uri} cannot be a callback URL judging by its scheme and form alone (no DNS lookup), or empty. */
    public Optional<String> shapeRefusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return Optional.of(allowHttp ? "callbackUrl must be an http or https URL" : "callbackUrl must be an https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.of("callbackUrl must name a host, without user information");
        }
        return Optional.empty();
    }

    /**
     * Why a POST to {@code uri} must not be made, judged without a DNS lookup (a host name is checked by
     * {@link CheckedAddressResolver} as it is resolved): a URL set before the rules existed, or an IP literal, which
     * the client connects to without resolving.
     */
    public Optional<String> sendRefusal(URI uri) {
        Optional<String> shape = shapeRefusal(uri);
        if (shape.isPresent()) {
            return shape;
        }
        boolean internal = Cidr.literal(uri.getHost()).map(bytes -> {
            try {
                return refused(InetAddress.getByAddress(bytes));
            } catch (UnknownHostException e) {
                return true;
            }
        }).orElse(false);
        return internal ? Optional.of("callback URL's address " + uri.getHost() + " is internal, refused") : Optional.empty();
    }

    /**
     * The addresses of {@code host} a callback may connect to now; fails when it resolves to none of them.
     */
    public List<InetAddress> permitted(String host) throws UnknownHostException {
        List<InetAddress> permitted = Arrays.stream(resolve(host)).filter(a -> !refused(a)).toList();
        if (permitted.isEmpty()) {
            throw new UnknownHostException("callback host " + host + " resolves only to internal addresses, refused");
        }
        return permitted;
    }

    public boolean refused(InetAddress address) {
        return Cidr.anyContains(INTERNAL, address) && !Cidr.anyContains(allowed, address);
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        Optional<byte[]> literal = Cidr.literal(host);
        return literal.isPresent() ? new InetAddress[]{InetAddress.getByAddress(literal.get())} : InetAddress.getAllByName(host);
    }
}
