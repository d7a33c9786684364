/**
 * Auto-configuration of the SageMaker LangChain4j chat models, with Spring Boot.
 */
package io.github.sagemakerstreaming.langchain4j.autoconfigure;
