package io.ecgrid.soap.runtime;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read as a stream, refused the moment it passes the limit: at once when its
 * Content-Length says it will, else as soon as the bytes received pass it (the subscription is
 * cancelled, so the rest is never read). A body with a Content-Length is read into one array of
 * that length; one without, into blocks of at most 1 MiB joined once it is complete, so a refused
 * endless body costs the limit, not a doubling buffer's copies. A content-encoded body (gzip,
 * deflate: never asked for) is refused unread, so nothing is ever inflated.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<LimitedBody.Bytes> {
    /** The bytes of a whole body, {@code [0, length)} of the array, taken once (so they can be freed while the text is read). */
    static final class Bytes {
        private byte[] bytes;
        private final int length;

        Bytes(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        /** The array; the holder lets go of it. */
        byte[] take() {
            byte[] out = bytes;
            bytes = null;
            return out;
        }

        int length() {
            return length;
        }
    }

    /** The body passed the limit; {@code declared} is its Content-Length, or -1. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        final long declared;

        TooLarge(int status, long declared) {
            super("the response body is longer than the limit", null);
            this.status = status;
            this.declared = declared;
        }
    }

    /** The body is content-encoded. */
    static final class Encoded extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String encoding;

        Encoded(int status, String encoding) {
            super("the response body is content-encoded", null);
            this.status = status;
            this.encoding = encoding;
        }
    }

    /** Makes one subscriber per response, and can cancel the one it made. */
    static final class Handler implements HttpResponse.BodyHandler<Bytes> {
        private final long limit;
        private volatile LimitedBody current;
        private volatile boolean cancelled;

        Handler(long limit) {
            this.limit = limit;
        }

        @Override
        public HttpResponse.BodySubscriber<Bytes> apply(HttpResponse.ResponseInfo info) {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
            String encoding = info.headers().firstValue("Content-Encoding").orElse("").strip();
            IOException refused = null;
            if (!encoding.isEmpty() && !encoding.toLowerCase(Locale.ROOT).equals("identity")) {
                refused = new Encoded(info.statusCode(), encoding);
            } else if (declared > limit) {
                refused = new TooLarge(info.statusCode(), declared);
            }
            LimitedBody body = new LimitedBody(info.statusCode(), limit, declared, refused);
            current = body;
            if (cancelled) {
                body.cancel();
            }
            return body;
        }

        /** Stops reading the body (the deadline passed): the connection is closed. */
        void cancel() {
            cancelled = true;
            LimitedBody body = current;
            if (body != null) {
                body.cancel();
            }
        }
    }

    private final CompletableFuture<Bytes> result = new CompletableFuture<>();
    private final int status;
    private final long limit;
    private final IOException refused;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    /** The largest block a body without a Content-Length is read into. */
    private static final int BLOCK = 1024 * 1024;

    /** Full blocks, in order (a body without a Content-Length that outgrew its first block). */
    private final List<byte[]> full = new ArrayList<>();
    /** The block being filled. */
    private byte[] buffer;
    /** Bytes in {@link #buffer}. */
    private int filled;
    /** Bytes received in all. */
    private long length;

    private LimitedBody(int status, long limit, long declared, IOException refused) {
        this.status = status;
        this.limit = limit;
        this.refused = refused;
        this.buffer = new byte[(int) Math.min(declared >= 0 ? declared : 16 * 1024, limit)];
    }

    @Override
    public CompletionStage<Bytes> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (refused != null) {
            s.cancel();
            result.completeExceptionally(refused);
            return;
        }
        if (cancelled) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            if (length + item.remaining() > limit) {
                subscription.cancel();
                drop();
                result.completeExceptionally(new TooLarge(status, -1));
                return;
            }
            length += item.remaining();
            while (item.hasRemaining()) {
                if (filled == buffer.length) {
                    grow();
                }
                int n = Math.min(item.remaining(), buffer.length - filled);
                item.get(buffer, filled, n);
                filled += n;
            }
        }
        if (cancelled) {
            subscription.cancel();
            return;
        }
        subscription.request(1);
    }

    /** Room for more: a first block grows by doubling up to 1 MiB; past that, full blocks are kept and a new one begun. */
    private void grow() {
        if (buffer.length < BLOCK && full.isEmpty()) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(Math.max(buffer.length * 2, 1024), Math.min(BLOCK, limit)));
            return;
        }
        full.add(buffer);
        buffer = new byte[BLOCK];
        filled = 0;
    }

    private void drop() {
        buffer = null;
        full.clear();
    }

    @Override
    public void onError(Throwable error) {
        drop();
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        if (result.isDone()) {
            return;
        }
        if (full.isEmpty()) {
            result.complete(new Bytes(buffer, filled));
            return;
        }
        byte[] whole = new byte[(int) length];
        int at = 0;
        for (byte[] block : full) {
            System.arraycopy(block, 0, whole, at, block.length);
            at += block.length;
        }
        System.arraycopy(buffer, 0, whole, at, filled);
        drop();
        result.complete(new Bytes(whole, (int) length));
    }

    /** Stops reading: the subscription is cancelled and the bytes so far dropped. */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        result.completeExceptionally(new IOException("the call was abandoned"));
    }
}
