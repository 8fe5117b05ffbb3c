package dev.enterpriseconnect.it;

import java.util.Arrays;
import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test classes that use the {@link TwoNodeCluster} after all others, keeping everyone
 * else's order (a stable sort): the cluster, started by the first of them, then lives only until
 * the end of the run. Set in failsafe's {@code junit.jupiter.testclass.order.default}.
 */
public final class ClusterClassesLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        Comparator<ClassDescriptor> clusterLast = Comparator.comparing((ClassDescriptor descriptor) -> descriptor
                .findRepeatableAnnotations(ExtendWith.class).stream()
                .anyMatch(extend -> Arrays.asList(extend.value()).contains(TwoNodeCluster.Extension.class)));
        context.getClassDescriptors().sort(clusterLast);
    }
}
