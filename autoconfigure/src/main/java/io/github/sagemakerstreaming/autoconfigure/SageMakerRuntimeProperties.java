package io.github.sagemakerstreaming.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.sagemakerstreaming.runtime.InferenceFormat;
import io.github.sagemakerstreaming.runtime.embedding.EmbeddingFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for SageMaker Runtime streaming inference.
 */
@ConfigurationProperties("sagemaker.runtime")
public class SageMakerRuntimeProperties {

	/**
	 * AWS region of the endpoint, for example 'us-east-1'. When unset, the application's
	 * AwsRegionProvider bean, then the AWS SDK's default region chain, decides.
	 */
	private @Nullable String region;

	/**
	 * URL of the SageMaker Runtime API to call instead of the region's, for a VPC
	 * endpoint or a local emulator.
	 */
	private @Nullable URI endpointOverride;

	/**
	 * Name of the SageMaker endpoint invoked when a request names none.
	 */
	private @Nullable String endpointName;

	/**
	 * Request shape built from a prompt: 'openai-chat', 'openai-completions', 'tgi' or
	 * 'raw'.
	 */
	private InferenceFormat format = InferenceFormat.OPENAI_CHAT;

	/**
	 * Generation parameters put into every body built from a prompt. Values are JSON
	 * (numbers, booleans, arrays and objects are sent as such), anything else is sent as
	 * a string. Keys with underscores need brackets: '[max_tokens]'.
	 */
	private Map<String, String> parameters = new LinkedHashMap<>();

	/**
	 * MIME type of the request body. When unset, 'application/json', or 'text/plain' for
	 * the raw format.
	 */
	private @Nullable String contentType;

	/**
	 * MIME type asked of the container, sent as X-Amzn-SageMaker-Accept.
	 */
	private @Nullable String accept;

	/**
	 * Custom attributes passed to the container with every request, for example
	 * 'accept_eula=true'.
	 */
	private @Nullable String customAttributes;

	/**
	 * Inference component invoked when a request names none.
	 */
	private @Nullable String inferenceComponentName;

	/**
	 * Longest record a container may send before its line ends. A longer one fails the
	 * stream instead of filling the memory.
	 */
	private DataSize maxRecordSize = DataSize.ofMegabytes(1);

	/**
	 * Whether the OpenAI formats ask the container for the token usage
	 * ("stream_options":{"include_usage":true}). TGI 2.x and later and vLLM accept it;
	 * switch it off for a container that rejects unknown fields.
	 */
	private boolean includeUsage = true;

	/**
	 * Whether each request body is logged, at DEBUG under the StreamingInferenceTemplate
	 * logger. The body holds the prompt: keep it off where prompts must not reach logs.
	 */
	private boolean logRequests;

	/**
	 * Whether each whole answer is logged, at DEBUG under the StreamingInferenceTemplate
	 * logger, with its finish reason and number of tool calls, once the call completes.
	 */
	private boolean logResponses;

	/**
	 * How the template streams: 'sdk' through the SDK client, or 'direct', where it signs
	 * and sends the call itself on the client's HTTP client and decodes the event stream
	 * from the response's bytes, with less CPU and far less memory per open stream. Whole
	 * answers and sessions go through the SDK client either way.
	 */
	private Transport transport = Transport.SDK;

	/**
	 * Longest wait from subscription to the first token, retries included.
	 */
	private Duration firstTokenTimeout = Duration.ofSeconds(90);

	/**
	 * Longest gap between two events once a stream has started. Keep-alives count as
	 * events. The stream fails within an eighth of this after the gap passes it.
	 */
	private Duration idleTimeout = Duration.ofSeconds(60);

	/**
	 * Longest time a whole stream may take. When unset, a stream may take as long as it
	 * keeps producing.
	 */
	private @Nullable Duration totalTimeout;

	private final Retry retry = new Retry();

	private final Health health = new Health();

	private final Credentials credentials = new Credentials();

	private final Http http = new Http();

	private final Embedding embedding = new Embedding();

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public @Nullable URI getEndpointOverride() {
		return this.endpointOverride;
	}

	public void setEndpointOverride(@Nullable URI endpointOverride) {
		this.endpointOverride = endpointOverride;
	}

	public @Nullable String getEndpointName() {
		return this.endpointName;
	}

	public void setEndpointName(@Nullable String endpointName) {
		this.endpointName = endpointName;
	}

	public InferenceFormat getFormat() {
		return this.format;
	}

	public void setFormat(InferenceFormat format) {
		this.format = format;
	}

	public Map<String, String> getParameters() {
		return this.parameters;
	}

	public void setParameters(Map<String, String> parameters) {
		this.parameters = parameters;
	}

	public @Nullable String getContentType() {
		return this.contentType;
	}

	public void setContentType(@Nullable String contentType) {
		this.contentType = contentType;
	}

	public @Nullable String getAccept() {
		return this.accept;
	}

	public void setAccept(@Nullable String accept) {
		this.accept = accept;
	}

	public @Nullable String getCustomAttributes() {
		return this.customAttributes;
	}

	public void setCustomAttributes(@Nullable String customAttributes) {
		this.customAttributes = customAttributes;
	}

	public @Nullable String getInferenceComponentName() {
		return this.inferenceComponentName;
	}

	public void setInferenceComponentName(@Nullable String inferenceComponentName) {
		this.inferenceComponentName = inferenceComponentName;
	}

	public DataSize getMaxRecordSize() {
		return this.maxRecordSize;
	}

	public void setMaxRecordSize(DataSize maxRecordSize) {
		this.maxRecordSize = maxRecordSize;
	}

	public boolean isIncludeUsage() {
		return this.includeUsage;
	}

	public void setIncludeUsage(boolean includeUsage) {
		this.includeUsage = includeUsage;
	}

	public boolean isLogRequests() {
		return this.logRequests;
	}

	public void setLogRequests(boolean logRequests) {
		this.logRequests = logRequests;
	}

	public boolean isLogResponses() {
		return this.logResponses;
	}

	public void setLogResponses(boolean logResponses) {
		this.logResponses = logResponses;
	}

	public Transport getTransport() {
		return this.transport;
	}

	public void setTransport(Transport transport) {
		this.transport = transport;
	}

	public Duration getFirstTokenTimeout() {
		return this.firstTokenTimeout;
	}

	public void setFirstTokenTimeout(Duration firstTokenTimeout) {
		this.firstTokenTimeout = firstTokenTimeout;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	public @Nullable Duration getTotalTimeout() {
		return this.totalTimeout;
	}

	public void setTotalTimeout(@Nullable Duration totalTimeout) {
		this.totalTimeout = totalTimeout;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Health getHealth() {
		return this.health;
	}

	public Credentials getCredentials() {
		return this.credentials;
	}

	public Http getHttp() {
		return this.http;
	}

	public Embedding getEmbedding() {
		return this.embedding;
	}

	/**
	 * How the template streams.
	 */
	public enum Transport {

		/**
		 * Through the SDK client's InvokeEndpointWithResponseStream.
		 */
		SDK,

		/**
		 * On the direct transport, over the SDK client's HTTP client.
		 */
		DIRECT

	}

	/**
	 * Retries of a call before SageMaker has answered: throttling, a model not ready, 5xx
	 * errors and connection failures. A stream is never retried once SageMaker has
	 * answered, nor on 400 or 424. An embedding call, which has no side effect, is also
	 * retried after a read timeout, a reset or its own timeout.
	 */
	public static class Retry {

		/**
		 * Number of attempts, the first included; 1 disables retries.
		 */
		private int maxAttempts = 3;

		/**
		 * Backoff before the first retry, doubled for each further retry, with jitter.
		 */
		private Duration initialBackoff = Duration.ofMillis(200);

		/**
		 * Longest backoff between two attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(2);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

	/**
	 * The health contributor 'sagemaker', which reports the default endpoint's status
	 * from DescribeEndpoint.
	 */
	public static class Health {

		/**
		 * How long a DescribeEndpoint result is reused, so that frequent probes cannot
		 * throttle the account.
		 */
		private Duration cacheTimeToLive = Duration.ofSeconds(30);

		/**
		 * URL of the SageMaker control-plane API to call instead of the region's, for a
		 * VPC endpoint or a local emulator.
		 */
		private @Nullable URI endpointOverride;

		public Duration getCacheTimeToLive() {
			return this.cacheTimeToLive;
		}

		public void setCacheTimeToLive(Duration cacheTimeToLive) {
			this.cacheTimeToLive = cacheTimeToLive;
		}

		public @Nullable URI getEndpointOverride() {
			return this.endpointOverride;
		}

		public void setEndpointOverride(@Nullable URI endpointOverride) {
			this.endpointOverride = endpointOverride;
		}

	}

	/**
	 * Credentials. When none are set, the application's AwsCredentialsProvider bean, then
	 * the AWS SDK's default credentials chain, is used.
	 */
	public static class Credentials {

		/**
		 * Access key id of static credentials.
		 */
		private @Nullable String accessKey;

		/**
		 * Secret access key of static credentials.
		 */
		private @Nullable String secretKey;

		/**
		 * Session token of temporary static credentials.
		 */
		private @Nullable String sessionToken;

		/**
		 * Name of the profile in the AWS config and credentials files to take credentials
		 * from.
		 */
		private @Nullable String profile;

		/**
		 * Whether to resolve the credentials of the SDK's default chain or of a profile
		 * at startup, so that missing credentials stop the application with a report
		 * instead of failing the first stream.
		 */
		private boolean verifyOnStartup = true;

		public @Nullable String getAccessKey() {
			return this.accessKey;
		}

		public void setAccessKey(@Nullable String accessKey) {
			this.accessKey = accessKey;
		}

		public @Nullable String getSecretKey() {
			return this.secretKey;
		}

		public void setSecretKey(@Nullable String secretKey) {
			this.secretKey = secretKey;
		}

		public @Nullable String getSessionToken() {
			return this.sessionToken;
		}

		public void setSessionToken(@Nullable String sessionToken) {
			this.sessionToken = sessionToken;
		}

		public @Nullable String getProfile() {
			return this.profile;
		}

		public void setProfile(@Nullable String profile) {
			this.profile = profile;
		}

		public boolean isVerifyOnStartup() {
			return this.verifyOnStartup;
		}

		public void setVerifyOnStartup(boolean verifyOnStartup) {
			this.verifyOnStartup = verifyOnStartup;
		}

	}

	/**
	 * Settings of the Netty HTTP client. Each stream holds one connection for its whole
	 * life, so the defaults differ from the AWS SDK's, which suit short calls.
	 */
	public static class Http {

		/**
		 * Maximum number of connections, which is the maximum number of concurrent
		 * streams: each stream holds a connection for its whole life. Connections are
		 * opened only as needed; the AWS SDK's default of 50 starves an application
		 * serving a few hundred concurrent chats.
		 */
		private int maxConcurrency = 2000;

		/**
		 * Maximum number of streams waiting for a free connection. When unset, the AWS
		 * SDK's default.
		 */
		private @Nullable Integer maxPendingConnectionAcquires;

		/**
		 * How long a stream waits for a free connection before it fails.
		 */
		private Duration connectionAcquisitionTimeout = Duration.ofSeconds(30);

		/**
		 * How long to wait for a TCP connection to be established. When unset, the AWS
		 * SDK's default.
		 */
		private @Nullable Duration connectTimeout;

		/**
		 * Longest silence on a connection before the HTTP client closes it, a guard set
		 * on the client for every call. It must be longer than first-token-timeout and
		 * idle-timeout. When unset, the client has no read timeout, so that the stream's
		 * own time limits, including longer ones set on a request, decide alone; the AWS
		 * SDK's default of 30 seconds kills slow first tokens.
		 */
		private @Nullable Duration readTimeout;

		/**
		 * How long a write may take before the connection is closed. When unset, the AWS
		 * SDK's default.
		 */
		private @Nullable Duration writeTimeout;

		/**
		 * Whether to send TCP keep-alive probes, so that long streams survive
		 * idle-connection reaping in NAT gateways and load balancers.
		 */
		private boolean tcpKeepAlive = true;

		public int getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		public @Nullable Integer getMaxPendingConnectionAcquires() {
			return this.maxPendingConnectionAcquires;
		}

		public void setMaxPendingConnectionAcquires(@Nullable Integer maxPendingConnectionAcquires) {
			this.maxPendingConnectionAcquires = maxPendingConnectionAcquires;
		}

		public Duration getConnectionAcquisitionTimeout() {
			return this.connectionAcquisitionTimeout;
		}

		public void setConnectionAcquisitionTimeout(Duration connectionAcquisitionTimeout) {
			this.connectionAcquisitionTimeout = connectionAcquisitionTimeout;
		}

		public @Nullable Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(@Nullable Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public @Nullable Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(@Nullable Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public @Nullable Duration getWriteTimeout() {
			return this.writeTimeout;
		}

		public void setWriteTimeout(@Nullable Duration writeTimeout) {
			this.writeTimeout = writeTimeout;
		}

		public boolean isTcpKeepAlive() {
			return this.tcpKeepAlive;
		}

		public void setTcpKeepAlive(boolean tcpKeepAlive) {
			this.tcpKeepAlive = tcpKeepAlive;
		}

	}

	/**
	 * The embedding template: the endpoint of an embedding model and how its calls are
	 * batched.
	 */
	public static class Embedding {

		/**
		 * Name of the SageMaker endpoint that serves the embedding model. Requests may
		 * name another.
		 */
		private @Nullable String endpointName;

		/**
		 * Name of the inference component to invoke on the embedding endpoint.
		 */
		private @Nullable String inferenceComponentName;

		/**
		 * Shape of the request: 'tei' for {"inputs": [...]}, 'jumpstart' for
		 * {"text_inputs": [...]}, 'openai' for {"input": [...]}. The answer is read in
		 * any of the shapes these containers answer with.
		 */
		private EmbeddingFormat format = EmbeddingFormat.TEI;

		/**
		 * Most inputs sent in one call; keep it at most the container's limit (TEI's
		 * --max-client-batch-size).
		 */
		private int batchSize = 32;

		/**
		 * Most calls of one embedding request in flight at once.
		 */
		private int concurrency = 4;

		/**
		 * Longest time one call may take before it is given up and retried.
		 */
		private Duration timeout = Duration.ofSeconds(60);

		public @Nullable String getEndpointName() {
			return this.endpointName;
		}

		public void setEndpointName(@Nullable String endpointName) {
			this.endpointName = endpointName;
		}

		public @Nullable String getInferenceComponentName() {
			return this.inferenceComponentName;
		}

		public void setInferenceComponentName(@Nullable String inferenceComponentName) {
			this.inferenceComponentName = inferenceComponentName;
		}

		public EmbeddingFormat getFormat() {
			return this.format;
		}

		public void setFormat(EmbeddingFormat format) {
			this.format = format;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
