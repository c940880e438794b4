// SPDX-License-Identifier: LGPL-2.1-or-later
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void *mpvpn_item_vec_push(struct item_vec *vec)
{
	void *slot;

	if (vec->count == vec->capacity) {
		size_t capacity = vec->capacity ? vec->capacity * 2 : 8;
		void *items = realloc(vec->items, capacity * vec->item_size);

		if (!items)
			return NULL;
		vec->items = items;
		vec->capacity = capacity;
	}
	slot = (char *)vec->items + vec->count++ * vec->item_size;
	memset(slot, 0, vec->item_size);
	return slot;
}

void mpvpn_item_vec_clear(struct item_vec *vec)
{
	vec->count = 0;
}

void mpvpn_item_vec_free(struct item_vec *vec)
{
	free(vec->items);
	vec->items = NULL;
	vec->count = 0;
	vec->capacity = 0;
}
