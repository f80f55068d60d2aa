package org.bmsw.launcher.it;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The 'simulator' feature set boots on its own. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SimulatorFeatureIT extends FeatureSetIT {

    @Configuration
    public Option[] config() {
        return Distribution.options(Distribution.newPluginsDir(), "simulator");
    }
}
