package io.github.sagemakerstreaming.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The sections of the project's README in a {@link SimpleVectorStore}, embedded through
 * the SageMaker embedding endpoint once the application is ready. The build packages the
 * README as {@value #README}, so the jar reads it wherever it runs. When the sections
 * cannot be embedded (no embedding endpoint is configured, or it fails), the failure is
 * logged and a question is refused with it at once, and starts embedding them again in
 * the background, so that the questions after the endpoint recovers are answered.
 */
@Component
class DocsLibrary {

	static final String README = "docs/README.md";

	static final String TITLE = "title";

	private static final Log logger = LogFactory.getLog(DocsLibrary.class);

	private final SimpleVectorStore store;

	private final AtomicBoolean embedding = new AtomicBoolean();

	private volatile @Nullable String unavailable = "The docs are still being embedded; ask again in a moment.";

	DocsLibrary(EmbeddingModel embeddingModel) {
		this.store = SimpleVectorStore.builder(embeddingModel).build();
	}

	@EventListener(ApplicationReadyEvent.class)
	void embedTheReadme() {
		if (this.embedding.compareAndSet(false, true)) {
			embed();
		}
	}

	/**
	 * Returns the sections nearest the question. Blocks on the embedding endpoint.
	 * @param question the question
	 * @param count the most sections to return
	 * @return the sections, nearest first
	 * @throws IllegalStateException if the sections are not embedded
	 */
	List<Document> nearest(String question, int count) {
		String reason = this.unavailable;
		if (reason != null) {
			if (this.embedding.compareAndSet(false, true)) {
				Schedulers.boundedElastic().schedule(this::embed);
			}
			throw new IllegalStateException(reason);
		}
		return this.store.similaritySearch(SearchRequest.builder().query(question).topK(count).build());
	}

	/**
	 * Embeds the sections; the caller has set {@link #embedding}, which this clears.
	 */
	private void embed() {
		try (InputStream readme = new ClassPathResource(README).getInputStream()) {
			List<Document> sections = ReadmeSections.of(new String(readme.readAllBytes(), StandardCharsets.UTF_8))
				.stream()
				.map((section) -> new Document(section.text(), Map.of(TITLE, section.title())))
				.toList();
			this.store.add(sections);
			this.unavailable = null;
			logger.info("Embedded the " + sections.size() + " sections of the README for Ask the docs.");
		}
		catch (IOException | RuntimeException ex) {
			this.unavailable = "The docs could not be embedded, so Ask the docs is off: " + ex.getMessage()
					+ " Asking again embeds them again.";
			logger.warn(this.unavailable, ex);
		}
		finally {
			this.embedding.set(false);
		}
	}

}
