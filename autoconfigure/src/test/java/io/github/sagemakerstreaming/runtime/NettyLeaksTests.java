package io.github.sagemakerstreaming.runtime;

import java.time.Duration;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The leak watch that the cancellation tests rely on sees a buffer dropped unreleased.
 */
@Isolated
class NettyLeaksTests {

	@Test
	void aBufferDroppedUnreleasedIsReported() {
		try (NettyLeaks leaks = NettyLeaks.watch()) {
			PooledByteBufAllocator.DEFAULT.directBuffer(16).writeInt(42);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(leaks.reported()).isNotEmpty());
		}
	}

}
