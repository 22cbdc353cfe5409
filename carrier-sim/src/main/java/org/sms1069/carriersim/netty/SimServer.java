package org.sms1069.carriersim.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The TCP side of a Netty simulator (CMPP, SMGP, SGIP): listens, keeps every accepted channel in a group so
 * that tests can cut them all, and stops its own event loops on close.
 */
public final class SimServer implements AutoCloseable {
    private static final int WORKER_THREADS = 2;

    private final NioEventLoopGroup boss;
    private final NioEventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel listener;

    private SimServer(String name, int port, Consumer<SocketChannel> initializer) {
        this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", true));
        this.workers = new NioEventLoopGroup(WORKER_THREADS, new DefaultThreadFactory(name + "-io", true));
        try {
            this.listener = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channels.add(channel);
                            initializer.accept(channel);
                        }
                    })
                    .bind(new InetSocketAddress(port)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdown();
            throw new IllegalStateException(name + " cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Listens on {@code port} (0 = any free one); every accepted channel gets {@code initializer}. */
    public static SimServer listen(String name, int port, Consumer<SocketChannel> initializer) {
        return new SimServer(name, port, initializer);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Open connections. */
    public ChannelGroup channels() {
        return channels;
    }

    /** Cuts every connection without a protocol goodbye, as a carrier crash would. */
    public void dropAll() {
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        dropAll();
        shutdown();
    }

    private void shutdown() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
