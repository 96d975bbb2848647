package dev.recsys.modelbuilder.data;

/**
 * Ratings and the movie catalog in MovieLens terms ({@code movies.csv}: movieId, title, genres;
 * {@code ratings.csv}: userId, movieId, rating, timestamp), held as parallel arrays.
 *
 * @param source    where the data came from, e.g. {@code synthetic(seed=42)} or a directory
 * @param movieIds  catalog movie ids, unique
 * @param titles    titles as MovieLens writes them, year in parentheses
 * @param genres    {@code |}-separated genres
 * @param years     release years, {@link dev.recsys.modelrepository.ItemTable#UNKNOWN_YEAR} when unknown
 * @param userIds   per rating
 * @param ratingMovieIds per rating; every id is in the catalog
 * @param ratings   per rating, 0.5..5
 * @param timestamps per rating, epoch seconds
 * @param sha256    SHA-256 of the rows, see {@link DataHash}
 */
public record Dataset(String source, int[] movieIds, String[] titles, String[] genres, int[] years,
                      int[] userIds, int[] ratingMovieIds, float[] ratings, long[] timestamps, String sha256) {

    public int movieCount() {
        return movieIds.length;
    }

    public int ratingCount() {
        return ratings.length;
    }
}
