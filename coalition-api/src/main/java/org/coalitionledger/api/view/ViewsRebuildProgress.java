package org.coalitionledger.api.view;

/**
 * How far a views rebuild has got. Partners keep reading the published generation of the views while the rebuild
 * fills the next one; the switch to it happens once the replay has reached the head the event store had when the
 * rebuild started.
 *
 * @param state               {@code PUBLISHED} when no rebuild is under way, {@code REBUILDING} while one is
 * @param publishedGeneration the copy of the views partners read
 * @param buildingGeneration  the copy a rebuild is filling; null when none is
 * @param head                the event store's last global index when the rebuild started; null when none is under
 *                            way (or not yet noted)
 * @param position            the lowest global index the view processor has handled on this node, over its
 *                            segments; null when this node holds none of them (or has handled nothing yet)
 */
public record ViewsRebuildProgress(String state, long publishedGeneration, Long buildingGeneration, Long head,
                                   Long position) {

    public static final String PUBLISHED = "PUBLISHED";
    public static final String REBUILDING = "REBUILDING";
}
