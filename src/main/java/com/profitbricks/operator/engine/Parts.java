package com.profitbricks.operator.engine;

import com.profitbricks.operator.api.v1alpha1.CommonSpec;
import com.profitbricks.operator.api.v1alpha1.CommonStatus;
import com.profitbricks.operator.cloud.CloudReader;
import com.profitbricks.operator.config.OperatorConfig;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Clock;

/** What the parts of one kind's engine (its gates, deletion, recovery) work with. */
record Parts<R extends CustomResource<? extends CommonSpec, T>, T extends CommonStatus>(
    String kind,
    KindOps<R, T> ops,
    CloudReader reader,
    EventRecorder events,
    OperatorConfig config,
    Clock clock,
    Attempts attempts,
    Requests<R, T> requests,
    StatusWrites<R, T> writes,
    Observations<R, T> observations) {}
