"""The ranking of a review round, computed by the database.

Each submitted review has a weighted score on the 1–5 scale. Per application the
ranking shows the mean of those scores, their (population) standard deviation as a
disagreement flag, and, optionally, the mean of per-reviewer z-scores, so a harsh and a
lenient reviewer count the same: z = (score − μ_reviewer) / σ_reviewer, with μ and σ over
that reviewer's submitted scores in the round (σ via AVG(x²) − AVG(x)²). A reviewer whose
scores do not vary (σ = 0, e.g. a single review) contributes z = 0.

One query: the per-reviewer statistics are a grouped subquery joined to the reviews, then
grouped by application, filtered, sorted and cut to the page in SQL (a second, cheap one
counts the rows, or a window function does when rows are filtered). So the work stays in
the database however many reviews there are, and a page always costs the same number of
queries. Two indexes cover these scans, so SQLite and PostgreSQL never visit the table.
"""

import math
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count

from core.models import Enterprise
from incubator.models import Startup
from programmes.models import Application, Review

SUBMITTED = Review.Status.SUBMITTED.value
RELEASED = Review.Status.RELEASED.value
EPSILON = 1e-9

# order key → ORDER BY (NULLs last everywhere, then a stable tie-break).
ORDERS = {
    "score": "{score} IS NULL, {score} DESC",
    "-score": "{score} IS NULL, {score} ASC",
    "mean": "agg.mean IS NULL, agg.mean DESC",
    "normalised": "agg.z IS NULL, agg.z DESC",
    "disagreement": "agg.submitted < 2, (agg.mean_sq - agg.mean * agg.mean) DESC",
    "progress": "agg.submitted ASC",
    "name": "e.name ASC",
    "-name": "e.name DESC",
}


@dataclass
class RankingRow:
    application_id: int
    assigned: int
    submitted: int
    mean: float | None
    std: float | None
    z: float | None
    accept: int
    maybe: int
    reject: int
    flagged: bool = False
    rank: int = 0
    application: Application | None = None

    def score(self, normalise):
        return self.z if normalise else self.mean


@dataclass
class RankingPage:
    rows: list
    total: int


def _sql(*, round_id, normalise, order, filter_sql, filter_params, flagged_only,
         complete_only, threshold, wanted):
    """(sql, params) of the ranking. The total row count comes from a window function
    only when rows are filtered; otherwise ranking_total() counts more cheaply. The
    application, startup and enterprise are joined only to sort by name."""
    where, params = [], []
    if filter_sql:
        where.append(f"agg.application_id IN ({filter_sql})")
        params.extend(filter_params)
    if flagged_only:
        where.append("agg.submitted >= 2 AND (agg.mean_sq - agg.mean * agg.mean) >= %s")
        params.append(threshold * threshold - EPSILON)
    if complete_only:
        where.append("agg.submitted >= %s")
        params.append(wanted)
    score = "agg.z" if normalise else "agg.mean"
    order_sql = ORDERS.get(order, ORDERS["score"]).format(score=score)
    joins = ""
    if "e.name" in order_sql:
        joins = (f"JOIN {Application._meta.db_table} a ON a.id = agg.application_id "
                 f"JOIN {Startup._meta.db_table} s ON s.id = a.startup_id "
                 f"JOIN {Enterprise._meta.db_table} e ON e.id = s.enterprise_id")
    total = "COUNT(*) OVER ()" if where or connection.vendor == "postgresql" else "NULL"
    # Only table names and fixed fragments are interpolated; every value is a parameter.
    # Each review row is projected once (its score and z-score when submitted, else
    # NULL); the aggregates then skip the NULLs, so the grouped scan stays light.
    sql = f"""
        WITH rs AS (
            SELECT reviewer_id, AVG(score) AS mu,
                   CASE WHEN AVG(score * score) - AVG(score) * AVG(score) > %s
                        THEN 1.0 / SQRT(AVG(score * score) - AVG(score) * AVG(score))
                        ELSE 0 END AS inv_sd
            FROM {Review._meta.db_table}
            WHERE round_id = %s AND status = %s
            GROUP BY reviewer_id
        ), agg AS (
            SELECT application_id, COUNT(*) AS assigned, COUNT(sc) AS submitted,
                   AVG(sc) AS mean, AVG(sc * sc) AS mean_sq, AVG(z) AS z
            FROM (
                SELECT r.application_id,
                       CASE WHEN r.status = %s THEN r.score END AS sc,
                       CASE WHEN r.status = %s THEN (r.score - rs.mu) * rs.inv_sd END AS z
                FROM {Review._meta.db_table} r
                LEFT JOIN rs ON rs.reviewer_id = r.reviewer_id
                WHERE r.round_id = %s AND r.status <> %s
            ) x
            GROUP BY application_id
        )
        SELECT agg.application_id, agg.assigned, agg.submitted, agg.mean, agg.mean_sq,
               agg.z, {total} AS total
        FROM agg {joins}
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY {order_sql}, agg.application_id ASC
    """  # noqa: S608
    head = [EPSILON, round_id, SUBMITTED, SUBMITTED, SUBMITTED, round_id, RELEASED]
    return sql, head + params


def ranking_total(*, round):
    """How many applications the round ranks (those with a live review)."""
    return (Review.objects.filter(round=round).exclude(status=RELEASED)
            .values("application_id").distinct().count())


def ranking(*, round, normalise=None, order="score", applications=None, flagged_only=False,
            complete_only=False, offset=0, limit=None):
    """The ranking rows of `round`, sorted and filtered in SQL; `applications` is an
    optional Application queryset to restrict to (status, search). Returns a
    RankingPage with the rows of the page (their `application` loaded, one query)
    and the total number of rows that match."""
    normalise = round.normalise if normalise is None else normalise
    filter_sql, filter_params = "", []
    if applications is not None:
        filter_sql, filter_params = applications.values("pk").query.sql_with_params()
    threshold = float(round.disagreement_threshold)
    sql, params = _sql(round_id=round.pk, normalise=normalise, order=order,
                       filter_sql=filter_sql, filter_params=list(filter_params),
                       flagged_only=flagged_only, complete_only=complete_only,
                       threshold=threshold, wanted=round.reviews_per_application)
    if limit is not None:
        sql += " LIMIT %s OFFSET %s"
        params += [limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        records = cursor.fetchall()
    rows = []
    filtered = bool(filter_sql or flagged_only or complete_only)
    if records and records[0][-1] is not None:
        total = records[0][-1]
    elif not filtered:
        total = ranking_total(round=round)
    else:
        total = 0
    for index, (app_id, assigned, submitted, mean, mean_sq, z, _total) in enumerate(records):
        std = None
        if submitted and mean is not None:
            std = math.sqrt(max(mean_sq - mean * mean, 0.0))
        rows.append(RankingRow(
            application_id=app_id, assigned=assigned, submitted=submitted or 0,
            mean=mean, std=std, z=z if submitted else None, accept=0, maybe=0, reject=0,
            flagged=bool(submitted and submitted >= 2 and std is not None
                         and std >= threshold - EPSILON),
            rank=offset + index + 1,
        ))
    if filtered and not records and offset:
        total = ranking_count(round=round, applications=applications,
                              flagged_only=flagged_only, complete_only=complete_only)
    _add_recommendations(round, rows)
    applications_by_id = Application.objects.select_related(
        "startup__enterprise", "call").in_bulk([row.application_id for row in rows])
    for row in rows:
        row.application = applications_by_id.get(row.application_id)
    return RankingPage(rows=rows, total=total)


def _add_recommendations(round, rows):
    """The reviewers' recommendations, counted for the rows shown only (one query)."""
    if not rows:
        return
    by_id = {row.application_id: row for row in rows}
    reviews = Review.objects.filter(round=round, status=SUBMITTED)
    if len(by_id) <= 1000:  # a page; an export takes the whole round
        reviews = reviews.filter(application_id__in=list(by_id))
    counts = (reviews.values_list("application_id", "recommendation")
              .annotate(n=Count("pk")).order_by())
    for application_id, recommendation, n in counts:
        if recommendation in ("accept", "maybe", "reject") and application_id in by_id:
            setattr(by_id[application_id], recommendation, n)


def ranking_count(*, round, applications=None, flagged_only=False, complete_only=False):
    page = ranking(round=round, applications=applications, flagged_only=flagged_only,
                   complete_only=complete_only, offset=0, limit=1)
    return page.total


def reviewer_statistics(*, round):
    """{reviewer id: (submitted reviews, mean, standard deviation)} in `round`, as the
    normalisation uses them."""
    stats = {}
    with connection.cursor() as cursor:
        # The table name only is interpolated; values are parameters.
        sql = (f"SELECT reviewer_id, COUNT(*), AVG(score), AVG(score * score) "  # noqa: S608
               f"FROM {Review._meta.db_table} WHERE round_id = %s AND status = %s "
               f"GROUP BY reviewer_id")
        cursor.execute(sql, [round.pk, SUBMITTED])
        for reviewer_id, count, mean, mean_sq in cursor.fetchall():
            stats[reviewer_id] = (count, mean, math.sqrt(max(mean_sq - mean * mean, 0.0)))
    return stats
