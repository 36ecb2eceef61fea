// The read stage's two scans, before and after issue 30 merged them, per file, in one JVM: the privacy detector as it
// was (DetectorBefore, kept in the tests) and as it is, then the character checks as they were (indexOf NUL,
// firstForbidden, firstStray over the text) and the byte pass that now decides most files. Thread CPU time, rounds
// alternated, the first one not counted.
//   mvn -B -q test-compile && java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
//     -cp target/vitrine.jar:target/test-classes bench/ScanBench.java DIR [ROUNDS]     (DIR: a folder of conventions)
import java.lang.management.ManagementFactory;
import java.nio.file.*;
import java.util.*;
public class ScanBench {
    public static void main(String[] a) throws Exception {
        var mx = ManagementFactory.getThreadMXBean();
        List<byte[]> bytes = new ArrayList<>(); List<String> texts = new ArrayList<>();
        try (var s = Files.list(Path.of(a[0]))) { for (Path p : s.sorted().toList()) { byte[] b = Files.readAllBytes(p); bytes.add(b); texts.add(new String(b, java.nio.charset.StandardCharsets.UTF_8)); } }
        var before = Class.forName("fr.vitrine.privacy.DetectorBefore").getDeclaredMethod("scan", String.class); before.setAccessible(true);
        long[] t = new long[4]; int rounds = a.length > 1 ? Integer.parseInt(a[1]) : 6; long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long c = mx.getCurrentThreadCpuTime();
            for (String s : texts) sink += ((List<?>) before.invoke(null, s)).size();
            long c1 = mx.getCurrentThreadCpuTime();
            for (String s : texts) sink += fr.vitrine.privacy.Detector.scan(s).size();
            long c2 = mx.getCurrentThreadCpuTime();
            for (String s : texts) sink += s.indexOf('\0') + fr.vitrine.read.Characters.firstForbidden(s) + fr.vitrine.read.Characters.firstStray(s, 0);
            long c3 = mx.getCurrentThreadCpuTime();
            for (byte[] b : bytes) sink += fr.vitrine.read.Characters.mayHoldNonText(b) ? 1 : 0;
            long c4 = mx.getCurrentThreadCpuTime();
            if (r > 0) { t[0] += c1 - c; t[1] += c2 - c1; t[2] += c3 - c2; t[3] += c4 - c3; }
        }
        int n = texts.size() * (rounds - 1);
        System.out.printf("per file (%d files, %d rounds): privacy scan before %.0f us, now %.0f us; character checks before %.0f us, byte pass now %.0f us (%d)%n",
            texts.size(), rounds - 1, t[0] / 1e3 / n, t[1] / 1e3 / n, t[2] / 1e3 / n, t[3] / 1e3 / n, sink);
    }
}
