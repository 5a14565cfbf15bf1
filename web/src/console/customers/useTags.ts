// Tag groups and tags (GET/POST /admin/v1/tag-groups, PATCH …/{id};
// GET/POST /admin/v1/tags, PATCH …/{id}): loaded together, since every page
// that shows tags wants their groups' names and colours. Defining them is
// the owner's and admin's (the engine answers 403 to staff).
import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { newIdempotencyKey } from '@/shared/api/idempotency'
import { api } from '../api'

export type TagGroup = Schemas['TagGroup']
export type Tag = Schemas['Tag']
export type TagRule = Record<string, unknown> & { kind: string }

export function useTags() {
  const { t } = useI18n()
  const groups = shallowRef<TagGroup[]>([])
  const tags = shallowRef<Tag[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  const forbidden = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const [g, list] = await Promise.all([
        data(api.GET('/admin/v1/tag-groups')),
        data(api.GET('/admin/v1/tags')),
      ])
      groups.value = g.items
      tags.value = list.items
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) forbidden.value = true
      else error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  const activeTags = computed(() => tags.value.filter((x) => x.status === 'active'))
  const manualTags = computed(() => activeTags.value.filter((x) => x.kind === 'manual'))
  const groupName = (id: string) => groups.value.find((g) => g.id === id)?.name ?? ''
  const tagById = (id: string) => tags.value.find((x) => x.id === id)

  // Each write answers null when done, else the engine's message.
  async function run(step: () => Promise<unknown>): Promise<string | null> {
    try {
      await step()
      await load()
      return null
    } catch (e) {
      return errorText(e, t)
    }
  }
  const createGroup = (body: Schemas['TagGroupCreate'], key = newIdempotencyKey()) =>
    run(() => data(api.POST('/admin/v1/tag-groups', { params: { header: { 'Idempotency-Key': key } }, body })))
  const updateGroup = (id: string, body: Schemas['TagGroupUpdate']) =>
    run(() => data(api.PATCH('/admin/v1/tag-groups/{id}', { params: { path: { id } }, body })))
  const createTag = (body: Schemas['TagCreate'], key = newIdempotencyKey()) =>
    run(() => data(api.POST('/admin/v1/tags', { params: { header: { 'Idempotency-Key': key } }, body })))
  const updateTag = (id: string, body: Schemas['TagUpdate']) =>
    run(() => data(api.PATCH('/admin/v1/tags/{id}', { params: { path: { id } }, body })))

  return {
    groups,
    tags,
    activeTags,
    manualTags,
    loading,
    error,
    forbidden,
    load,
    groupName,
    tagById,
    createGroup,
    updateGroup,
    createTag,
    updateTag,
  }
}
