package fr.vitrine.testing;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that starts child JVMs or other programs, or replays a fuzzer's corpus: left out of the quick tier
 * ({@code mvn -B -Pquick test}), always run by {@code mvn -B test} and {@code mvn -B verify}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(FullTier.TAG)
public @interface FullTier {
    String TAG = "full-tier";
}
