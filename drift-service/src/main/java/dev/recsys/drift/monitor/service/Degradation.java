package dev.recsys.drift.monitor.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something the monitor works around right now, as {@code status}, {@code evaluate} and
 * {@code models} list it under {@code degraded}.
 *
 * @param dependency what is missing ({@code postgresql})
 * @param since      epoch ms since it has been failing, absent when it is back and the work is catching up
 * @param impact     what that means for the answers
 * @param queued     evaluations whose history waits in the queue
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Degradation(String dependency, Long since, String impact, long queued) {
}
