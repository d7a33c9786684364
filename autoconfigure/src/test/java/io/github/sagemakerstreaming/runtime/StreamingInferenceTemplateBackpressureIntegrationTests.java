package io.github.sagemakerstreaming.runtime;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulatorExtension;
import io.github.sagemakerstreaming.runtime.EmulatorClients.EmulatorClient;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fast endpoint meets a slow subscriber: the library must read only as the subscriber
 * asks, so that the bytes held between the endpoint and the subscriber stay bounded by
 * the network's buffers instead of growing to the whole response.
 */
@ParameterizedClass
@EnumSource(Transport.class)
class StreamingInferenceTemplateBackpressureIntegrationTests {

	private static final int TOKENS = 20_000;

	private static final String TOKEN = "x".repeat(1000);

	@RegisterExtension
	static final SageMakerEmulatorExtension sagemaker = new SageMakerEmulatorExtension();

	@Parameter
	Transport transport;

	@Test
	void aSlowSubscriberHoldsBackTheEndpointInsteadOfBufferingTheResponse() throws InterruptedException {
		String fast = "fast-" + this.transport.name().toLowerCase(Locale.ROOT);
		sagemaker.emulator()
			.register(fast, Dialect.LMI)
			.tokens(IntStream.range(0, TOKENS).mapToObj((i) -> TOKEN).toList());
		try (EmulatorClient client = EmulatorClients.shared(sagemaker.emulator(),
				NettyNioAsyncHttpClient.builder().putChannelOption(ChannelOption.SO_RCVBUF, 128 * 1024))) {
			StreamingInferenceTemplate template = this.transport.template(client).endpointName(fast).build();
			SlowSubscriber subscriber = new SlowSubscriber(20);
			template.stream("hi").subscribe(subscriber);
			assertThat(subscriber.done.await(30, TimeUnit.SECONDS)).isTrue();
			RecordedInvocation invocation = sagemaker.emulator().invocations(fast).get(0);
			long body = TOKENS * (long) (TOKEN.length() + 60);
			long held = invocation.bytesSent() - subscriber.consumedBytes.get();
			System.out.printf(
					"Backpressure (%s): %d tokens consumed slowly, %d KiB sent by the endpoint of a %d KiB response, "
							+ "%d KiB held in between%n",
					this.transport, subscriber.consumed.get(), invocation.bytesSent() / 1024, body / 1024, held / 1024);
			assertThat(held).as("bytes held between endpoint and subscriber").isLessThan(8L * 1024 * 1024);
			assertThat(invocation.bytesSent()).isLessThan(body / 2);
			subscriber.dispose();
		}
	}

	/** Takes one token every 50 ms, then stops asking. */
	private static final class SlowSubscriber extends BaseSubscriber<String> {

		private final int wanted;

		private final AtomicLong consumed = new AtomicLong();

		private final AtomicLong consumedBytes = new AtomicLong();

		private final CountDownLatch done = new CountDownLatch(1);

		SlowSubscriber(int wanted) {
			this.wanted = wanted;
		}

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			request(1);
		}

		@Override
		protected void hookOnNext(String token) {
			this.consumedBytes.addAndGet(token.length());
			if (this.consumed.incrementAndGet() < this.wanted) {
				Schedulers.parallel().schedule(() -> request(1), 50, TimeUnit.MILLISECONDS);
			}
			else {
				// Give the network time to fill every buffer it has, as it would with a
				// slow consumer.
				Schedulers.parallel().schedule(this.done::countDown, 500, TimeUnit.MILLISECONDS);
			}
		}

	}

}
