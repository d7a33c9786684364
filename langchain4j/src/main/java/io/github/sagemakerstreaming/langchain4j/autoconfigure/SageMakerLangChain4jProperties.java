package io.github.sagemakerstreaming.langchain4j.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.sagemakerstreaming.autoconfigure.ParameterValues;
import io.github.sagemakerstreaming.runtime.InferenceFormat;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import io.github.sagemakerstreaming.runtime.InvocationOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the SageMaker LangChain4j models, named as
 * langchain4j-spring's starters name theirs: the default request parameters of each
 * model, over the template's defaults ({@code sagemaker.runtime.*}). A name or value that
 * the SageMaker Runtime API refuses fails as it is bound.
 */
@ConfigurationProperties(SageMakerLangChain4jProperties.PREFIX)
public class SageMakerLangChain4jProperties {

	/** The prefix of the LangChain4j models' properties. */
	public static final String PREFIX = "langchain4j.sagemaker";

	private final ChatModel chatModel = new ChatModel();

	private final ChatModel streamingChatModel = new ChatModel();

	private final EmbeddingModel embeddingModel = new EmbeddingModel();

	public ChatModel getChatModel() {
		return this.chatModel;
	}

	public ChatModel getStreamingChatModel() {
		return this.streamingChatModel;
	}

	public EmbeddingModel getEmbeddingModel() {
		return this.embeddingModel;
	}

	/**
	 * Where a model goes instead of the template's default.
	 */
	public abstract static class Model {

		/**
		 * Name of the SageMaker endpoint the model invokes instead of the template's.
		 */
		private @Nullable String endpointName;

		/**
		 * Name of the inference component (or adapter) the model invokes instead of the
		 * template's.
		 */
		private @Nullable String inferenceComponentName;

		public @Nullable String getEndpointName() {
			return this.endpointName;
		}

		public void setEndpointName(@Nullable String endpointName) {
			InvocationOptions.builder().endpointName(endpointName);
			this.endpointName = endpointName;
		}

		public @Nullable String getInferenceComponentName() {
			return this.inferenceComponentName;
		}

		public void setInferenceComponentName(@Nullable String inferenceComponentName) {
			InvocationOptions.builder().inferenceComponentName(inferenceComponentName);
			this.inferenceComponentName = inferenceComponentName;
		}

	}

	/**
	 * The default request parameters of a chat model.
	 */
	public static class ChatModel extends Model {

		/**
		 * Request shape instead of the template's: a conversation needs 'openai-chat'.
		 */
		private @Nullable InferenceFormat format;

		/**
		 * Sampling temperature, sent as 'temperature'.
		 */
		private @Nullable Double temperature;

		/**
		 * Largest number of tokens to generate, sent as 'max_tokens'.
		 */
		private @Nullable Integer maxTokens;

		/**
		 * Nucleus sampling probability, sent as 'top_p'.
		 */
		private @Nullable Double topP;

		/**
		 * Sequences that end the generation, sent as 'stop'.
		 */
		private @Nullable List<String> stopSequences;

		/**
		 * Fields of the container's own added to every request body after the portable
		 * ones, such as vLLM's 'repetition_penalty'. Values are JSON (numbers, booleans,
		 * arrays and objects are sent as such), anything else is sent as a string. Keys
		 * with underscores need brackets: '[repetition_penalty]'. They may not replace
		 * 'messages', 'prompt', 'inputs' or 'stream'.
		 */
		private Map<String, String> customParameters = new LinkedHashMap<>();

		/**
		 * Whether the model logs each request body, at DEBUG under the
		 * StreamingInferenceTemplate logger. When off, 'sagemaker.runtime.log-requests'
		 * applies.
		 */
		private boolean logRequests;

		/**
		 * Whether the model logs each whole answer, at DEBUG under the
		 * StreamingInferenceTemplate logger. When off, 'sagemaker.runtime.log-responses'
		 * applies.
		 */
		private boolean logResponses;

		public @Nullable InferenceFormat getFormat() {
			return this.format;
		}

		public void setFormat(@Nullable InferenceFormat format) {
			this.format = format;
		}

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Integer getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
		}

		public @Nullable Double getTopP() {
			return this.topP;
		}

		public void setTopP(@Nullable Double topP) {
			this.topP = topP;
		}

		public @Nullable List<String> getStopSequences() {
			return this.stopSequences;
		}

		public void setStopSequences(@Nullable List<String> stopSequences) {
			this.stopSequences = stopSequences;
		}

		public Map<String, String> getCustomParameters() {
			return this.customParameters;
		}

		public void setCustomParameters(Map<String, String> customParameters) {
			InferenceRequest.builder().parameters(ParameterValues.fromProperties(customParameters));
			this.customParameters = customParameters;
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

	}

	/**
	 * The default request parameters of the embedding model.
	 */
	public static class EmbeddingModel extends Model {

		/**
		 * Length of the vectors to ask for, sent as 'dimensions'.
		 */
		private @Nullable Integer dimensions;

		public @Nullable Integer getDimensions() {
			return this.dimensions;
		}

		public void setDimensions(@Nullable Integer dimensions) {
			if (dimensions != null && dimensions < 1) {
				throw new IllegalArgumentException("dimensions must be at least 1, but was " + dimensions);
			}
			this.dimensions = dimensions;
		}

	}

}
