package io.github.sagemakerstreaming.springai.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.sagemakerstreaming.autoconfigure.ParameterValues;
import io.github.sagemakerstreaming.runtime.InferenceFormat;
import io.github.sagemakerstreaming.runtime.InferenceRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the SageMaker Spring AI chat model: its default options,
 * over the template's defaults ({@code sagemaker.runtime.*}). A name or value that the
 * SageMaker Runtime API refuses fails as it is bound.
 */
@ConfigurationProperties(SageMakerChatProperties.PREFIX)
public class SageMakerChatProperties extends SageMakerModelProperties {

	/** The prefix of the chat model's properties. */
	public static final String PREFIX = "spring.ai.sagemaker.chat";

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
	 * Fields of the container's own added to every request body after the portable ones,
	 * such as vLLM's 'repetition_penalty'. Values are JSON (numbers, booleans, arrays and
	 * objects are sent as such), anything else is sent as a string. Keys with underscores
	 * need brackets: '[repetition_penalty]'. They may not replace 'messages', 'prompt',
	 * 'inputs' or 'stream'.
	 */
	private Map<String, String> extraBody = new LinkedHashMap<>();

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

	public Map<String, String> getExtraBody() {
		return this.extraBody;
	}

	public void setExtraBody(Map<String, String> extraBody) {
		InferenceRequest.builder().parameters(ParameterValues.fromProperties(extraBody));
		this.extraBody = extraBody;
	}

}
