package io.github.sagemakerstreaming.autoconfigure;

import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.StringUtils;

/**
 * Applies the {@code sagemaker.runtime.*} properties to a client builder, in a fixed
 * order: the SDK's retries off, credentials, region, endpoint override, HTTP client.
 * Unset properties leave the SDK's defaults alone.
 */
final class SageMakerRuntimeClientConfigurer {

	private final SageMakerRuntimeProperties properties;

	private final ObjectProvider<AwsCredentialsProvider> credentialsProvider;

	private final ObjectProvider<AwsRegionProvider> regionProvider;

	SageMakerRuntimeClientConfigurer(SageMakerRuntimeProperties properties,
			ObjectProvider<AwsCredentialsProvider> credentialsProvider,
			ObjectProvider<AwsRegionProvider> regionProvider) {
		this.properties = properties;
		this.credentialsProvider = credentialsProvider;
		this.regionProvider = regionProvider;
	}

	/**
	 * Applies the properties to a client builder.
	 * @param builder the builder
	 * @param httpClient the HTTP client the client must share with the direct transport,
	 * or {@code null} for one of the client's own
	 */
	void configure(SageMakerRuntimeAsyncClientBuilder builder, @Nullable SdkAsyncHttpClient httpClient) {
		PropertyMapper map = PropertyMapper.get();
		// The template retries only what never reached the model; the SDK's own retries
		// would replay tokens.
		builder.overrideConfiguration(
				builder.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
		builder.credentialsProvider(verified(credentialsProvider()));
		map.from(region()).to(builder::region);
		map.from(this.properties::getEndpointOverride).to(builder::endpointOverride);
		if (httpClient != null) {
			builder.httpClient(httpClient);
		}
		else {
			builder.httpClientBuilder(httpClient(this.properties));
		}
	}

	private AwsCredentialsProvider credentialsProvider() {
		SageMakerRuntimeProperties.Credentials credentials = this.properties.getCredentials();
		if (StringUtils.hasText(credentials.getAccessKey())) {
			return StaticCredentialsProvider.create(staticCredentials(credentials));
		}
		if (StringUtils.hasText(credentials.getProfile())) {
			return ProfileCredentialsProvider.create(credentials.getProfile());
		}
		AwsCredentialsProvider application = this.credentialsProvider.getIfUnique();
		return (application != null) ? application : DefaultCredentialsProvider.builder().build();
	}

	/**
	 * Resolves credentials from the SDK's chain or a profile once, so that missing ones
	 * are reported at startup.
	 */
	private AwsCredentialsProvider verified(AwsCredentialsProvider provider) {
		boolean lookedUp = provider instanceof DefaultCredentialsProvider
				|| provider instanceof ProfileCredentialsProvider;
		if (lookedUp && this.properties.getCredentials().isVerifyOnStartup()) {
			try {
				provider.resolveCredentials();
			}
			catch (SdkClientException ex) {
				throw new MissingCredentialsException(ex);
			}
		}
		return provider;
	}

	private static AwsCredentials staticCredentials(SageMakerRuntimeProperties.Credentials credentials) {
		if (!StringUtils.hasText(credentials.getSecretKey())) {
			throw new IllegalStateException(
					"sagemaker.runtime.credentials.access-key is set without sagemaker.runtime.credentials.secret-key; set both");
		}
		if (StringUtils.hasText(credentials.getSessionToken())) {
			return AwsSessionCredentials.create(credentials.getAccessKey(), credentials.getSecretKey(),
					credentials.getSessionToken());
		}
		return AwsBasicCredentials.create(credentials.getAccessKey(), credentials.getSecretKey());
	}

	private @Nullable Region region() {
		if (StringUtils.hasText(this.properties.getRegion())) {
			return Region.of(this.properties.getRegion());
		}
		AwsRegionProvider application = this.regionProvider.getIfUnique();
		return (application != null) ? application.getRegion() : null;
	}

	/**
	 * The Netty read timeout: the configured one, which must be longer than the stream
	 * timeouts, or none ({@link Duration#ZERO}), so that every stream limit, a request's
	 * included, is honoured whatever its length.
	 */
	private static Duration readTimeout(SageMakerRuntimeProperties properties) {
		Duration configured = properties.getHttp().getReadTimeout();
		if (configured == null) {
			return Duration.ZERO;
		}
		Duration streamLimit = Stream.of(properties.getFirstTokenTimeout(), properties.getIdleTimeout())
			.filter(Objects::nonNull)
			.max(Duration::compareTo)
			.orElse(null);
		if (streamLimit != null && configured.compareTo(streamLimit) <= 0) {
			throw new IllegalStateException("sagemaker.runtime.http.read-timeout (" + configured
					+ ") must be longer than "
					+ "sagemaker.runtime.first-token-timeout and sagemaker.runtime.idle-timeout (up to " + streamLimit
					+ "), or the connection is closed before they can report what happened; raise it or leave it unset");
		}
		return configured;
	}

	/**
	 * Builds the Netty HTTP client that {@code sagemaker.runtime.http.*} describes.
	 */
	static NettyNioAsyncHttpClient.Builder httpClient(SageMakerRuntimeProperties properties) {
		SageMakerRuntimeProperties.Http http = properties.getHttp();
		PropertyMapper map = PropertyMapper.get();
		NettyNioAsyncHttpClient.Builder builder = NettyNioAsyncHttpClient.builder();
		map.from(http::getMaxConcurrency).to(builder::maxConcurrency);
		map.from(http::getMaxPendingConnectionAcquires).to(builder::maxPendingConnectionAcquires);
		map.from(http::getConnectionAcquisitionTimeout).to(builder::connectionAcquisitionTimeout);
		map.from(http::getConnectTimeout).to(builder::connectionTimeout);
		builder.readTimeout(readTimeout(properties));
		map.from(http::getWriteTimeout).to(builder::writeTimeout);
		map.from(http::isTcpKeepAlive).to(builder::tcpKeepAlive);
		return builder;
	}

}
