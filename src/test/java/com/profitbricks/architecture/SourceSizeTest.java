package com.profitbricks.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Main sources stay small enough to read: a file that grows past {@value #MAX_FILE_LINES} lines or
 * a method past {@value #MAX_METHOD_LINES} is split by what it holds before it lands.
 */
class SourceSizeTest {
  static final int MAX_FILE_LINES = 450;
  static final int MAX_METHOD_LINES = 80;
  static final Path MAIN = Path.of("src/main/java");

  static List<Path> sources;

  @BeforeAll
  static void listSources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertThat(sources).as("main sources under " + MAIN.toAbsolutePath()).isNotEmpty();
  }

  @Test
  void noMainSourceFileIsLongerThanTheLimit() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Path p : sources) {
      long lines = Files.readAllLines(p).size();
      if (lines > MAX_FILE_LINES) {
        tooLong.add(MAIN.relativize(p) + ": " + lines + " lines");
      }
    }
    assertThat(tooLong).as("files over " + MAX_FILE_LINES + " lines").isEmpty();
  }

  @Test
  void noMainMethodIsLongerThanTheLimit() throws IOException {
    JavaParser parser =
        new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    List<String> tooLong = new ArrayList<>();
    for (Path p : sources) {
      ParseResult<CompilationUnit> parsed = parser.parse(p);
      assertThat(parsed.getProblems()).as("parse problems in " + p).isEmpty();
      CompilationUnit unit = parsed.getResult().orElseThrow();
      List<CallableDeclaration<?>> callables = new ArrayList<>();
      unit.findAll(MethodDeclaration.class).forEach(callables::add);
      unit.findAll(ConstructorDeclaration.class).forEach(callables::add);
      for (CallableDeclaration<?> c : callables) {
        int lines = lines(c);
        if (lines > MAX_METHOD_LINES) {
          tooLong.add(MAIN.relativize(p) + " " + c.getNameAsString() + ": " + lines + " lines");
        }
      }
    }
    assertThat(tooLong).as("methods over " + MAX_METHOD_LINES + " lines").isEmpty();
  }

  /** From the line naming the method to its closing brace: Javadoc and annotations not counted. */
  static int lines(CallableDeclaration<?> c) {
    Optional<BlockStmt> body =
        c instanceof MethodDeclaration m
            ? m.getBody()
            : Optional.of(((ConstructorDeclaration) c).getBody());
    if (body.isEmpty() || body.get().getEnd().isEmpty() || c.getName().getBegin().isEmpty()) {
      return 0;
    }
    return body.get().getEnd().get().line - c.getName().getBegin().get().line + 1;
  }
}
