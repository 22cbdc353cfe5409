package org.sms1069.carriersim.smpp;

import java.net.ServerSocket;

import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;

/**
 * Hands jsmpp a server socket that is already bound: jsmpp binds its own and never tells which
 * port it got, but tests need port 0 and the port actually chosen.
 */
final class PreboundServerConnectionFactory implements ServerConnectionFactory {
    private final ServerSocket serverSocket;

    PreboundServerConnectionFactory(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
    }

    @Override
    public ServerConnection listen(int port) {
        return new ServerSocketConnection(serverSocket);
    }

    @Override
    public ServerConnection listen(int port, int timeout) {
        return new ServerSocketConnection(serverSocket);
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) {
        return new ServerSocketConnection(serverSocket);
    }
}
