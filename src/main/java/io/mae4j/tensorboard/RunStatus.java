package io.mae4j.tensorboard;

import io.mae4j.tensorboard.proto.hparams.Status;

/** How a training session ended, as shown in the HParams dashboard's "Status" column. */
public enum RunStatus {
    /** Finished every epoch. */
    SUCCESS(Status.STATUS_SUCCESS),
    /** Stopped by an error. */
    FAILURE(Status.STATUS_FAILURE),
    /** Still going (the status of a session without an end record). */
    RUNNING(Status.STATUS_RUNNING);

    private final Status proto;

    RunStatus(Status proto) {
        this.proto = proto;
    }

    /** The HParams plugin's enum value. */
    public Status proto() {
        return proto;
    }
}
