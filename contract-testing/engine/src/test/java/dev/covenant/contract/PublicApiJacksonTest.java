package dev.covenant.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.covenant.contract.openapi.OpenApiDocuments;
import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's public API speaks Jackson 2 trees only (what swagger-parser gives): Jackson 3 (which its JSON Schema
 * validator needs) stays inside, so a user of the engine, and the registry, picks no Jackson 3 types up from it.
 */
class PublicApiJacksonTest {

    @Test
    void noPublicSignatureOfTheEngineMentionsJackson3() throws IOException, URISyntaxException, ClassNotFoundException {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> types = engineClasses();
        for (Class<?> type : types) {
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (exposed(method.getModifiers()) && (mentions(method.getGenericReturnType()) || mentions(method))) {
                    leaks.add(type.getName() + "#" + method.getName());
                }
            }
            for (var constructor : type.getDeclaredConstructors()) {
                if (exposed(constructor.getModifiers()) && mentions(constructor)) {
                    leaks.add(type.getName() + "#<init>");
                }
            }
            for (Field field : type.getDeclaredFields()) {
                if (exposed(field.getModifiers()) && mentions(field.getGenericType())) {
                    leaks.add(type.getName() + "." + field.getName());
                }
            }
        }
        assertThat(types).as("the scan sees the engine's classes").hasSizeGreaterThan(50);
        assertThat(leaks).isEmpty();
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static boolean mentions(Executable executable) {
        return Stream.of(executable.getGenericParameterTypes()).anyMatch(PublicApiJacksonTest::mentions)
                || Stream.of(executable.getGenericExceptionTypes()).anyMatch(PublicApiJacksonTest::mentions);
    }

    private static boolean mentions(Type type) {
        return type.getTypeName().contains("tools.jackson.");
    }

    private static List<Class<?>> engineClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(OpenApiDocuments.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.class$", "");
                types.add(Class.forName(name, false, PublicApiJacksonTest.class.getClassLoader()));
            }
        }
        return types;
    }
}
