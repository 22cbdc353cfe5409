package org.sms1069.api.egress;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The callback client's name resolution: resolves with the JDK (as Netty's default does), keeps only the addresses
 * {@link CallbackTargets} permits and hands those to the connection, so the address checked is the address connected
 * to (no DNS rebinding between a check and the connect).
 */
public final class CheckedAddressResolver extends AddressResolverGroup<InetSocketAddress> {
    private final CallbackTargets targets;

    public CheckedAddressResolver(CallbackTargets targets) {
        this.targets = targets;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetNameResolver(executor) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                try {
                    promise.setSuccess(targets.permitted(host).get(0));
                } catch (UnknownHostException | RuntimeException e) {
                    promise.setFailure(e);
                }
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                try {
                    promise.setSuccess(targets.permitted(host));
                } catch (UnknownHostException | RuntimeException e) {
                    promise.setFailure(e);
                }
            }
        }.asAddressResolver();
    }
}
