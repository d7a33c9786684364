package io.github.sagemakerstreaming.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.github.sagemakerstreaming.emulator.Dialect;
import io.github.sagemakerstreaming.emulator.RecordedInvocation;
import io.github.sagemakerstreaming.emulator.SageMakerEmulator;
import io.github.sagemakerstreaming.emulator.StreamOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chat page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}). Without them the test is skipped, except under
 * {@code CI=true}, where a missing browser fails the build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatPageBrowserTests {

	private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static WebDriver browser;

	@LocalServerPort
	private int port;

	@Autowired
	private SageMakerEmulator emulator;

	@BeforeAll
	static void startBrowser() throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		String missing = "Chromium or its driver is missing (" + CHROMIUM + ", " + CHROMEDRIVER
				+ "); install them with: sudo apt-get install chromium chromium-driver";
		if (!installed && "true".equals(System.getenv("CI"))) {
			fail(missing);
		}
		assumeTrue(installed, missing);
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1100,800",
					"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@BeforeEach
	void resetTheDefaultEndpoint() {
		EmbeddedEmulatorEnvironmentPostProcessor.registerDefaultEndpoint(this.emulator);
		browser.get("http://localhost:" + this.port + "/");
	}

	@Test
	void theAnswerGrowsTokenByTokenAndTheFiguresFollow() throws IOException {
		ask("What is a token?");
		List<Integer> lengths = new ArrayList<>();
		new WebDriverWait(browser, TIMEOUT).pollingEvery(Duration.ofMillis(30)).until((driver) -> {
			int length = answer().getText().length();
			if (lengths.isEmpty() || lengths.get(lengths.size() - 1) != length) {
				lengths.add(length);
			}
			return element("figures").getText().contains("tokens/s");
		});
		assertThat(lengths).as("the answer's length as it grew").hasSizeGreaterThanOrEqualTo(4).isSorted();
		assertThat(answer().getText()).startsWith("You asked: \"What is a token?\".");
		assertThat(element("figures").getText()).contains("First token after")
			.contains("endpoint local-llm")
			.contains("variant AllTraffic");
		File screenshot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
		Files.copy(screenshot.toPath(), Path.of("target", "sample-app.png"), StandardCopyOption.REPLACE_EXISTING);
	}

	@Test
	void modelOutputIsRenderedAsTextNeverAsHtml() {
		this.emulator.register(EmbeddedEmulatorEnvironmentPostProcessor.ENDPOINT_NAME, Dialect.VLLM_CHAT)
			.tokens("Look: ", "<img src=x onerror=alert(1)>", " <script>alert(2)</script>");
		ask("Show me HTML");
		waitFor(() -> element("figures").getText().contains("tokens/s"));
		assertThat(answer().getText()).isEqualTo("Look: <img src=x onerror=alert(1)> <script>alert(2)</script>");
		assertThat(answer().findElements(By.cssSelector("*"))).isEmpty();
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> browser.switchTo().alert());
	}

	@Test
	void stopAbortsTheRequestAndTheUpstreamStreamIsClosed() {
		this.emulator.register(EmbeddedEmulatorEnvironmentPostProcessor.ENDPOINT_NAME, Dialect.VLLM_CHAT)
			.tokens(IntStream.range(0, 100).mapToObj((i) -> " word" + i).toList())
			.tokenDelay(Duration.ofMillis(200));
		int before = this.emulator.invocations(EmbeddedEmulatorEnvironmentPostProcessor.ENDPOINT_NAME).size();
		ask("Tell me a long story");
		waitFor(() -> answer().getText().contains("word1"));
		element("stop").click();
		waitFor(() -> element("figures").getText().equals("Stopped."));
		List<RecordedInvocation> invocations = this.emulator
			.invocations(EmbeddedEmulatorEnvironmentPostProcessor.ENDPOINT_NAME);
		assertThat(invocations).hasSize(before + 1);
		assertThat(invocations.get(before).awaitOutcome(TIMEOUT)).isEqualTo(StreamOutcome.ABANDONED);
		assertThat(answer().getText()).doesNotContain("word99");
		assertThat(element("send").isEnabled()).isTrue();
	}

	@Test
	void aSecondQuestionIsAskedWithTheFirstExchangeAndTheReasoningShowsFolded() {
		this.emulator.register(EmbeddedEmulatorEnvironmentPostProcessor.ENDPOINT_NAME, Dialect.VLLM_CHAT)
			.reasoning("Let me", " think.")
			.answer((question) -> List.of("Re: ", question));
		ask("My name is Ada.");
		waitFor(() -> element("figures").getText().contains("tokens/s"));
		ask("What is my name?");
		waitFor(() -> browser.findElements(By.cssSelector(".turn.assistant")).size() == 2
				&& element("figures").getText().contains("tokens/s"));
		assertThat(browser.findElements(By.cssSelector(".turn"))).extracting(WebElement::getText)
			.containsExactly("My name is Ada.", "Reasoning\nRe: My name is Ada.", "What is my name?",
					"Reasoning\nRe: What is my name?");
		WebElement reasoning = browser.findElements(By.cssSelector(".reasoning")).get(1);
		assertThat(reasoning.getAttribute("open")).as("folded").isNull();
		reasoning.findElement(By.tagName("summary")).click();
		assertThat(reasoning.findElement(By.className("thinking")).getText()).isEqualTo("Let me think.");
		List<RecordedInvocation> invocations = this.emulator
			.invocations(EmbeddedEmulatorEnvironmentPostProcessor.ENDPOINT_NAME);
		assertThat(invocations.get(invocations.size() - 1).bodyAsString())
			.contains("{\"role\":\"user\",\"content\":\"My name is Ada.\"},{\"role\":\"assistant\","
					+ "\"content\":\"Re: My name is Ada.\"},{\"role\":\"user\",\"content\":\"What is my name?\"}");
		assertThat(element("figures").getText()).contains("usage");
	}

	@Test
	void inAgentModeTheAnswerShowsWhichToolRan() {
		element("agent").click();
		ask("Oslo");
		waitFor(() -> element("figures").getText().equals("Answered by the agent."));
		assertThat(browser.findElement(By.cssSelector(".turn.assistant .tool")).getText())
			.startsWith("Ran localTime(Oslo): ")
			.endsWith(" in Europe/Oslo");
		assertThat(answer().getText()).startsWith("The tool answered: ");
	}

	@Test
	void askTheDocsAnswersWithTheReadmeSectionsItRetrievedUnderTheAnswer() {
		int embedded = this.emulator.invocations(EmbeddedEmulatorEnvironmentPostProcessor.EMBEDDING_ENDPOINT_NAME)
			.size();
		element("docs").click();
		ask("Embedding batches: batch-size, concurrency and the order of the vectors");
		waitFor(() -> element("figures").getText().startsWith("Answered from"));
		assertThat(element("figures").getText()).isEqualTo("Answered from 3 sections of the README.");
		assertThat(browser.findElements(By.cssSelector(".turn.assistant .section strong")))
			.extracting(WebElement::getText)
			.first()
			.isEqualTo("Embeddings");
		assertThat(answer().getText()).isNotEmpty();
		List<RecordedInvocation> chats = this.emulator
			.invocations(EmbeddedEmulatorEnvironmentPostProcessor.ENDPOINT_NAME);
		assertThat(chats.get(chats.size() - 1).bodyAsString()).contains("## Embeddings")
			.contains("Embedding batches: batch-size");
		assertThat(this.emulator.invocations(EmbeddedEmulatorEnvironmentPostProcessor.EMBEDDING_ENDPOINT_NAME))
			.as("the question embedded through the embedding endpoint")
			.hasSize(embedded + 1);
	}

	private static WebElement answer() {
		List<WebElement> answers = browser.findElements(By.cssSelector(".turn.assistant .answer"));
		return answers.get(answers.size() - 1);
	}

	private void ask(String prompt) {
		element("prompt").sendKeys(prompt);
		element("send").click();
	}

	private static WebElement element(String id) {
		return browser.findElement(By.id(id));
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) {
		new WebDriverWait(browser, TIMEOUT).until((driver) -> condition.getAsBoolean());
	}

}
