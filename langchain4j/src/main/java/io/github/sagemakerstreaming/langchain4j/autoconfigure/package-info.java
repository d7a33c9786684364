/**
 * Auto-configuration of the SageMaker LangChain4j chat models, with Spring Boot.
 */
@NullMarked
package io.github.sagemakerstreaming.langchain4j.autoconfigure;

import org.jspecify.annotations.NullMarked;
