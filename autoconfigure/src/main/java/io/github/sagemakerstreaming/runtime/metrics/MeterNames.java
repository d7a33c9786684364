package io.github.sagemakerstreaming.runtime.metrics;

/**
 * The name of every meter the library records, and the provider it names, chosen here and
 * nowhere else. The names follow the OpenTelemetry GenAI semantic conventions where they
 * apply. None of them shares a name with another library's meter unless it has exactly
 * that meter's tag keys: the token usage is Spring AI's chat-model counter, with its
 * keys, so that every path counts tokens in one series family. No meter declares a base
 * unit other than time, so that no unit ends up inside a Prometheus name.
 */
public final class MeterNames {

	/**
	 * The value of {@code gen_ai.provider.name} (and of Spring AI's
	 * {@code gen_ai.system}) on every path: template, Spring AI and LangChain4j.
	 */
	public static final String PROVIDER = "aws.sagemaker";

	/**
	 * The observation of a call of the streaming template, and of an {@code embed}: a
	 * timer of its whole duration, and, with {@code .active} appended, Micrometer's long
	 * task timer of the calls under way.
	 */
	public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

	/**
	 * The observation of one batch of an {@code embed}, its call and the call's retries:
	 * a timer, and, with {@code .active} appended, the batches under way. The
	 * {@code embed} itself is an {@link #OPERATION_DURATION}.
	 */
	public static final String EMBEDDING_BATCH = "sagemaker.runtime.embedding.batch";

	/** A timer of the time from subscription to the first chunk, for streams only. */
	public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

	/**
	 * A counter of the tokens the container reported, by {@code gen_ai.token.type}: the
	 * name and tag keys of Spring AI's chat-model and embedding-model token counter.
	 */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	/**
	 * The name of Spring AI's chat-model and embedding-model observations (and of other
	 * libraries' GenAI client operations), which record the token usage of the calls made
	 * inside them.
	 */
	public static final String CLIENT_OPERATION = "gen_ai.client.operation";

	/** A gauge of the connections leased to other calls. */
	public static final String HTTP_CONNECTIONS_LEASED = "sagemaker.runtime.http.connections.leased";

	/** A gauge of the calls waiting for a connection. */
	public static final String HTTP_CONNECTIONS_PENDING = "sagemaker.runtime.http.connections.pending";

	/** A gauge of the connections free for another call. */
	public static final String HTTP_CONNECTIONS_AVAILABLE = "sagemaker.runtime.http.connections.available";

	/** A gauge of the pool's maximum number of connections. */
	public static final String HTTP_CONNECTIONS_MAX = "sagemaker.runtime.http.connections.max";

	/** A timer of the time calls waited for a connection. */
	public static final String HTTP_CONNECTIONS_ACQUIRE = "sagemaker.runtime.http.connections.acquire";

	private MeterNames() {
	}

}
