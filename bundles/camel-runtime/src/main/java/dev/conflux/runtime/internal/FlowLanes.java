package dev.conflux.runtime.internal;

import dev.conflux.runtime.api.FlowService.FlowOperationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One lane per flow name: the flow's transitions (deploy, start, stop, redeploy, undeploy) run on it one at a
 * time, in the order they were asked for; different flows' lanes never wait for each other. A lane's thread ends
 * when the lane is idle and comes back with the next work.
 */
final class FlowLanes {

    private final Map<String, ThreadPoolExecutor> lanes = new ConcurrentHashMap<>();
    private final Duration callTimeout;
    private volatile boolean closed;

    FlowLanes(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    /** Queues work on the flow's lane and returns at once. */
    <T> Future<T> submit(String flow, Callable<T> work) {
        if (closed) {
            throw new FlowOperationException("the flow runtime is stopping");
        }
        return lane(flow).submit(work);
    }

    /** Runs work on the flow's lane and waits for it; its exceptions are rethrown as they are when unchecked. */
    <T> T call(String flow, Callable<T> work) {
        try {
            return submit(flow, work).get(callTimeout.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new FlowOperationException(Objects.toString(e.getCause().getMessage(), e.getCause().toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowOperationException("interrupted");
        } catch (TimeoutException e) {
            throw new FlowOperationException("timed out after " + callTimeout);
        }
    }

    /** Lets queued work finish, then ends every lane; true if all were done within the timeout. */
    boolean close(Duration timeout) throws InterruptedException {
        closed = true;
        List<ThreadPoolExecutor> all = new ArrayList<>(lanes.values());
        all.forEach(ThreadPoolExecutor::shutdown);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean done = true;
        for (ThreadPoolExecutor lane : all) {
            done &= lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return done;
    }

    private ThreadPoolExecutor lane(String flow) {
        return lanes.computeIfAbsent(flow, name -> {
            ThreadPoolExecutor lane = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    r -> new Thread(r, "conflux-flow-" + name));
            lane.allowCoreThreadTimeOut(true);
            return lane;
        });
    }
}
