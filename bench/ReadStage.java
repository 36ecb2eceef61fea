// The read stage alone (CatalogLoader.load: reading, YAML, character checks, privacy check, commonmark, packing,
// validation) on a project, in a fresh JVM: its wall and process CPU time (all threads, the collector and the JIT
// included), without the JVM's start or the other stages. Alternate two jars to compare them:
//   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp target/vitrine.jar bench/ReadStage.java PROJECT /tmp/unused
import java.lang.management.ManagementFactory;
import java.nio.file.*;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.build.CatalogLoader;
import fr.vitrine.diagnostics.Diagnostics;
public class ReadStage {
    public static void main(String[] a) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        SiteConfig config = SiteConfig.load(Path.of(a[0]), Path.of(a[1]), true);
        long c0 = os.getProcessCpuTime(), w0 = System.nanoTime();
        var cat = new CatalogLoader().load(config, java.time.LocalDate.now(), new Diagnostics());
        long c1 = os.getProcessCpuTime(), w1 = System.nanoTime();
        System.out.printf("read stage: wall %.2f cpu %.2f (%s)%n", (w1 - w0) / 1e9, (c1 - c0) / 1e9, cat == null ? "errors" : "ok");
    }
}
