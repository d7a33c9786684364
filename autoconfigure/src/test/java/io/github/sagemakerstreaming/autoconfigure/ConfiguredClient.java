package io.github.sagemakerstreaming.autoconfigure;

import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.internal.NettyConfiguration;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;

import org.springframework.test.util.ReflectionTestUtils;

/**
 * Reads back what an SDK client was really built with, including the Netty settings that
 * the SDK keeps internal, so that tests check the client rather than trust the
 * configuration code.
 */
final class ConfiguredClient {

	private final SdkClientConfiguration configuration;

	ConfiguredClient(SageMakerRuntimeAsyncClient client) {
		this.configuration = (SdkClientConfiguration) ReflectionTestUtils.getField(client, "clientConfiguration");
	}

	NettyConfiguration netty() {
		Object httpClient = this.configuration.option(SdkClientOption.ASYNC_HTTP_CLIENT);
		while (!(httpClient instanceof NettyNioAsyncHttpClient)) {
			httpClient = ReflectionTestUtils.getField(httpClient, "delegate");
		}
		return (NettyConfiguration) ReflectionTestUtils.getField(httpClient, "configuration");
	}

}
