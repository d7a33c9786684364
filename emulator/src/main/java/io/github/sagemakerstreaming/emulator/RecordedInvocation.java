package io.github.sagemakerstreaming.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * One request that reached the emulator: what was sent, and how the response ended.
 */
public final class RecordedInvocation {

	private static final String CREDENTIAL = "Credential=";

	private final String endpointName;

	private final String path;

	private final Map<String, String> headers;

	private final byte[] body;

	private final CompletableFuture<StreamOutcome> outcome = new CompletableFuture<>();

	private final AtomicLong bytesSent = new AtomicLong();

	private final CompletableFuture<Void> connectionClosed = new CompletableFuture<>();

	RecordedInvocation(String endpointName, String path, Map<String, String> headers, byte[] body) {
		this.endpointName = endpointName;
		this.path = path;
		this.headers = Map.copyOf(headers);
		this.body = body;
	}

	/**
	 * Returns the endpoint name from the request path.
	 * @return the endpoint name
	 */
	public String endpointName() {
		return this.endpointName;
	}

	/**
	 * Returns the request path.
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Returns a request header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} if the header was not sent
	 */
	public @Nullable String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * Returns the stateful session the request named
	 * ({@code X-Amzn-SageMaker-Session-Id}).
	 * @return the session id, {@code NEW_SESSION}, or {@code null} if the request named
	 * none
	 */
	public @Nullable String sessionId() {
		return header("X-Amzn-SageMaker-Session-Id");
	}

	/**
	 * Returns the access key that signed the request: the key id in the
	 * {@code Credential} of its SigV4 {@code Authorization} header.
	 * @return the access key id, or {@code null} if the request was not signed
	 */
	public @Nullable String accessKeyId() {
		String authorization = header("Authorization");
		int credential = (authorization != null) ? authorization.indexOf(CREDENTIAL) : -1;
		if (authorization == null || credential < 0) {
			return null;
		}
		int start = credential + CREDENTIAL.length();
		int end = authorization.indexOf('/', start);
		return (end > start) ? authorization.substring(start, end) : null;
	}

	/**
	 * Returns every request header, with lower-case names.
	 * @return the headers
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

	/**
	 * Returns the request body.
	 * @return the body bytes
	 */
	public byte[] body() {
		return this.body.clone();
	}

	/**
	 * Returns the request body decoded as UTF-8.
	 * @return the body text
	 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * Returns the outcome if the response has ended.
	 * @return the outcome, or {@code null} while the response is still being written
	 */
	public StreamOutcome outcome() {
		return this.outcome.getNow(null);
	}

	/**
	 * Waits for the response to end.
	 * @param timeout how long to wait
	 * @return the outcome
	 * @throws IllegalStateException if the response has not ended in time
	 */
	public StreamOutcome awaitOutcome(Duration timeout) {
		try {
			return this.outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("The response to " + this.path + " had not ended after " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Returns how many bytes of event-stream frames the emulator has handed to the
	 * connection so far. The connection takes more only as the client reads, so this
	 * shows how far ahead of its consumer a client reads.
	 * @return the bytes sent
	 */
	public long bytesSent() {
		return this.bytesSent.get();
	}

	/**
	 * Waits for the TCP connection that carried this invocation to be closed. A client
	 * that cancels a stream must close its connection; one that read a stream to its end
	 * may keep it for the next call.
	 * @param timeout how long to wait
	 * @return whether the connection was closed in time
	 */
	public boolean awaitConnectionClosed(Duration timeout) {
		try {
			this.connectionClosed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	void connectionClosed() {
		this.connectionClosed.complete(null);
	}

	void sent(int bytes) {
		this.bytesSent.addAndGet(bytes);
	}

	void ended(StreamOutcome outcome) {
		this.outcome.complete(outcome);
	}

	@Override
	public String toString() {
		return "RecordedInvocation[" + this.path + ", outcome=" + outcome() + "]";
	}

}
