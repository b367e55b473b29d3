package io.mae4j.cli;

import io.mae4j.config.ConfigComposer;
import io.mae4j.device.Doctor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code doctor [group=choice|key=value ...]}: what this build and machine give a run of that config (Java,
 * DJL, libtorch and where it comes from, devices, threads, DJL cache, OpenCV, runs_dir and data.root, disk),
 * and whether it can start: exit 0 when it can, 1 with one {@code fix:} line per problem otherwise.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check that this machine can run the given config (libtorch, devices, folders); exit 0 if so.")
public class DoctorCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "ARG", description = "group=choice or key=value, as for train")
    List<String> args = new ArrayList<>();

    /** The last report (for tests). */
    Doctor.Report report;

    @Override
    public Integer call() {
        report = Doctor.examine(ConfigComposer.locate().compose(args).config());
        System.out.print(report.render());
        return report.ok() ? 0 : 1;
    }
}
