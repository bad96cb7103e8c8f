package dev.stockhold.gateway.http;

import dev.stockhold.engine.command.Command;
import dev.stockhold.engine.command.CommandType;
import dev.stockhold.gateway.security.Scope;

import java.io.IOException;
import java.util.List;

import static dev.stockhold.gateway.http.AnswerKind.ALLOCATION;
import static dev.stockhold.gateway.http.AnswerKind.CHANNEL;
import static dev.stockhold.gateway.http.AnswerKind.CHANNELS;
import static dev.stockhold.gateway.http.AnswerKind.CLUSTER;
import static dev.stockhold.gateway.http.AnswerKind.ITEMS;
import static dev.stockhold.gateway.http.AnswerKind.KIT;
import static dev.stockhold.gateway.http.AnswerKind.LEVEL;
import static dev.stockhold.gateway.http.AnswerKind.LISTING;
import static dev.stockhold.gateway.http.AnswerKind.LOCK;
import static dev.stockhold.gateway.http.AnswerKind.PUSH;
import static dev.stockhold.gateway.http.AnswerKind.RESERVATION;
import static dev.stockhold.gateway.http.AnswerKind.SKU;
import static dev.stockhold.gateway.http.RouteSpec.engine;
import static dev.stockhold.gateway.http.RouteSpec.local;
import static dev.stockhold.gateway.security.Scope.READ;
import static dev.stockhold.gateway.security.Scope.RESERVE;
import static dev.stockhold.gateway.security.Scope.STOCK;
import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

/**
 * The HTTP API's map, one row per method and path: the scope a key needs, how the request becomes an engine
 * command (or a local answer) and how the answer is encoded. docs/openapi.yaml documents the same rows, and a
 * test keeps the two equal. A path's methods are listed in the order its {@code Allow} header names them.
 */
final class Routes
{
    /** No key needed: the operational endpoints, for probes and scrapers. */
    private static final Scope NO_KEY = null;

    private static final List<RouteSpec> ROWS = List.of(
        // Stock levels
        engine(GET, "/v1/stock/{sku}/{warehouse}", READ, (in, c) -> c.getStock(in.first(), in.second()), LEVEL),
        engine(PUT, "/v1/stock/{sku}/{warehouse}", STOCK, Routes::setStock, LEVEL),
        engine(POST, "/v1/stock/{sku}/{warehouse}/adjust", STOCK, Routes::adjust, LEVEL),
        engine(POST, "/v1/stock/{sku}/{warehouse}/receive", STOCK, Routes::receive, LEVEL),
        engine(GET, "/v1/stock/{sku}", READ, (in, c) -> c.getStock(in.first(), null), SKU),
        engine(POST, "/v1/stock:batch", STOCK, Routes::batch, ITEMS),
        // Reservations
        engine(POST, "/v1/reservations", RESERVE, Routes::lock, LOCK),
        engine(GET, "/v1/reservations/{orderId}", READ, (in, c) -> c.getReservation(in.first()), RESERVATION),
        engine(POST, "/v1/reservations/{orderId}/release", RESERVE, settle(CommandType.RELEASE), RESERVATION),
        engine(POST, "/v1/reservations/{orderId}/deduct", RESERVE, settle(CommandType.DEDUCT), RESERVATION),
        engine(POST, "/v1/reservations/{orderId}/return", RESERVE, settle(CommandType.RETURN), RESERVATION),
        // Sales channels: rules, push progress, listings, allocations; kits
        engine(GET, "/v1/channels", READ, (in, c) -> c.getChannel(null), CHANNELS),
        engine(GET, "/v1/channels/{channel}", READ, (in, c) -> c.getChannel(in.first()), CHANNEL),
        engine(PUT, "/v1/channels/{channel}", STOCK, Routes::putChannel, CHANNEL),
        engine(GET, "/v1/channels/{channel}/push", READ, (in, c) -> c.getPush(in.first()), PUSH),
        engine(GET, "/v1/channels/{channel}/listings/{listingId}", READ,
            (in, c) -> c.getListing(in.first(), in.second()), LISTING),
        engine(PUT, "/v1/channels/{channel}/listings/{listingId}", STOCK, Routes::bindListing, LISTING),
        engine(DELETE, "/v1/channels/{channel}/listings/{listingId}", STOCK,
            (in, c) -> c.unbindListing(in.first(), in.second()), LISTING),
        engine(GET, "/v1/channels/{channel}/allocations/{sku}/{warehouse}", READ,
            (in, c) -> c.getAllocation(in.first(), in.second(), in.third()), ALLOCATION),
        engine(PUT, "/v1/channels/{channel}/allocations/{sku}/{warehouse}", STOCK, Routes::setAllocation, ALLOCATION),
        engine(GET, "/v1/kits/{kit}", READ, (in, c) -> c.getKit(in.first()), KIT),
        engine(PUT, "/v1/kits/{kit}", STOCK, Routes::putKit, KIT),
        // Change feeds: the connection becomes an event stream
        local(GET, "/v1/changes", READ, LocalAnswers::changes),
        local(GET, "/v1/channels/{channel}/changes", READ, LocalAnswers::channelChanges),
        // Operations
        engine(GET, "/v1/cluster", READ, (in, c) -> c.getDigest(), CLUSTER),
        local(GET, "/health", NO_KEY, LocalAnswers::health),
        local(GET, "/ready", NO_KEY, LocalAnswers::ready),
        local(GET, "/metrics", NO_KEY, LocalAnswers::metrics),
        local(GET, "/openapi.yaml", NO_KEY, LocalAnswers::openApi));

    /** The rows compiled for matching. */
    static final RouteTable TABLE = new RouteTable(ROWS);

    private Routes()
    {
    }

    // The decoders of requests with a body: JSON into the command, with the path's parameters.

    private static void setStock(final HttpExchange in, final Command command) throws IOException
    {
        in.decoder().set(in.first(), in.second(), in.body(), in.offset(), in.length(), command);
    }

    private static void adjust(final HttpExchange in, final Command command) throws IOException
    {
        in.decoder().adjust(in.first(), in.second(), in.body(), in.offset(), in.length(), command);
    }

    private static void receive(final HttpExchange in, final Command command) throws IOException
    {
        in.decoder().receive(in.first(), in.second(), in.body(), in.offset(), in.length(), command);
    }

    private static void batch(final HttpExchange in, final Command command) throws IOException
    {
        in.decoder().batch(in.body(), in.offset(), in.length(), command);
    }

    private static void lock(final HttpExchange in, final Command command) throws IOException
    {
        in.decoder().lock(in.body(), in.offset(), in.length(), command);
    }

    private static RouteSpec.CommandDecoder settle(final CommandType type)
    {
        return (in, command) -> in.decoder().settle(type, in.first(), in.body(), in.offset(), in.length(), command);
    }

    private static void putChannel(final HttpExchange in, final Command command) throws IOException
    {
        ChannelDecoder.putChannel(in.first(), in.body(), in.offset(), in.length(), command);
    }

    private static void bindListing(final HttpExchange in, final Command command) throws IOException
    {
        ChannelDecoder.bindListing(in.first(), in.second(), in.body(), in.offset(), in.length(), command);
    }

    private static void setAllocation(final HttpExchange in, final Command command) throws IOException
    {
        ChannelDecoder.setAllocation(in.first(), in.second(), in.third(), in.body(), in.offset(), in.length(),
            command);
    }

    private static void putKit(final HttpExchange in, final Command command) throws IOException
    {
        ChannelDecoder.putKit(in.first(), in.body(), in.offset(), in.length(), command);
    }
}
