package io.github.sagemakerstreaming.runtime;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.sagemakerstreaming.emulator.Dialect;
import org.jspecify.annotations.Nullable;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * A plain loopback HTTP/1.1 server that answers an
 * {@code InvokeEndpointWithResponseStream} call only when the test says so, byte by byte:
 * each request that arrives is held with its status line unsent, so that a test can stage
 * what the client has seen at the moment it gives up. Once {@link #answerAll()
 * answering}, it answers every request, held or new, with the stream of {@link #TOKENS}
 * in TGI's format, as a container behind SageMaker would.
 */
final class HeldResponses implements AutoCloseable {

	/** The tokens of every answer. */
	static final List<String> TOKENS = List.of("a", "b");

	private final ServerSocket server;

	private final ExecutorService connections = Executors.newCachedThreadPool();

	private final BlockingQueue<Exchange> held = new LinkedBlockingQueue<>();

	private volatile boolean answering;

	HeldResponses() {
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.connections.execute(this::accept);
	}

	/**
	 * Returns the endpoint override that reaches this server.
	 */
	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
	}

	/**
	 * Waits for the next request held, whose whole body has arrived.
	 * @param timeout how long to wait
	 * @return the request's exchange
	 */
	Exchange next(Duration timeout) {
		try {
			Exchange exchange = this.held.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (exchange == null) {
				throw new AssertionError("no request arrived in " + timeout);
			}
			return exchange;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted waiting for a request", ex);
		}
	}

	/**
	 * Answers the next request held with a script of its own, on a thread of the
	 * server's, so that a write that the client never reads blocks no test.
	 * @param timeout how long to wait for the request
	 * @param script what to write
	 */
	void nextAnswers(Duration timeout, Consumer<Exchange> script) {
		this.connections.execute(() -> script.accept(next(timeout)));
	}

	/**
	 * Answers every request held and every request from now on.
	 */
	void answerAll() {
		this.answering = true;
		for (Exchange exchange = this.held.poll(); exchange != null; exchange = this.held.poll()) {
			exchange.answer();
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.connections.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = new BufferedInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			for (Integer length = contentLength(in); length != null; length = contentLength(in)) {
				in.readNBytes(length);
				Exchange exchange = new Exchange(socket, out);
				if (this.answering) {
					exchange.answer();
				}
				else {
					this.held.add(exchange);
					if (this.answering && this.held.remove(exchange)) {
						exchange.answer();
					}
				}
			}
		}
		catch (IOException ex) {
			// The client closed the connection.
		}
	}

	/**
	 * Reads a request's head, and returns its content length, or {@code null} once the
	 * client has closed the connection.
	 */
	private static @Nullable Integer contentLength(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				return null;
			}
			head.write(next);
		}
		return Arrays.stream(head.toString(StandardCharsets.ISO_8859_1).split("\r\n"))
			.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
			.map((line) -> Integer.valueOf(line.substring(line.indexOf(':') + 1).trim()))
			.findFirst()
			.orElse(0);
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.connections.shutdownNow();
	}

	/**
	 * One request whose answer the test writes. A write to a connection that the client
	 * has closed is ignored, as it is what a client that gave up does.
	 */
	static final class Exchange {

		private final Socket socket;

		private final OutputStream out;

		Exchange(Socket socket, OutputStream out) {
			this.socket = socket;
			this.out = out;
		}

		/**
		 * Writes the whole answer: the status line, the headers, every frame and the end.
		 */
		void answer() {
			streamHead();
			frames().forEach(this::chunk);
			end();
		}

		/**
		 * Writes the status line and headers of a stream.
		 */
		void streamHead() {
			write(head(200, Map.of("Content-Type", "application/vnd.amazon.eventstream",
					"X-Amzn-SageMaker-Content-Type", Dialect.TGI.contentType(), "Transfer-Encoding", "chunked")));
		}

		/**
		 * Writes the status line and headers of an error, whose chunked body follows.
		 * @param status the HTTP status
		 * @param errorType the {@code x-amzn-ErrorType}
		 */
		void errorHead(int status, String errorType) {
			write(head(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", errorType,
					"Transfer-Encoding", "chunked")));
		}

		/**
		 * Writes one chunk of the body.
		 * @param bytes the chunk
		 */
		void chunk(byte[] bytes) {
			ByteArrayOutputStream chunk = new ByteArrayOutputStream();
			chunk.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			chunk.writeBytes(bytes);
			chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
			write(chunk.toByteArray());
		}

		/**
		 * Resets the connection: with a zero linger time, closing the socket sends a TCP
		 * RST.
		 */
		void reset() {
			try {
				this.socket.setSoLinger(true, 0);
				this.socket.close();
			}
			catch (IOException ex) {
				// The client closed the connection.
			}
		}

		/**
		 * Ends the body.
		 */
		void end() {
			write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		}

		private void write(byte[] bytes) {
			try {
				this.out.write(bytes);
				this.out.flush();
			}
			catch (IOException ex) {
				// The client closed the connection.
			}
		}

		/**
		 * Returns the {@code PayloadPart} frames of the answer, one a record.
		 * @return each frame's bytes
		 */
		static List<byte[]> frames() {
			return Dialect.TGI.render(TOKENS, "stop").stream().map(Exchange::frame).toList();
		}

		private static byte[] frame(byte[] record) {
			Map<String, HeaderValue> headers = new LinkedHashMap<>();
			headers.put(":message-type", HeaderValue.fromString("event"));
			headers.put(":event-type", HeaderValue.fromString("PayloadPart"));
			headers.put(":content-type", HeaderValue.fromString("application/octet-stream"));
			ByteBuffer frame = new Message(headers, record).toByteBuffer();
			byte[] bytes = new byte[frame.remaining()];
			frame.get(bytes);
			return bytes;
		}

		private static byte[] head(int status, Map<String, String> headers) {
			StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
			head.append("x-amzn-RequestId: held-").append(System.identityHashCode(headers)).append("\r\n");
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
		}

	}

}
