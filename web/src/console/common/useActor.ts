// Who did something on a trail, as a person reads it: the engine writes
// "buyer", "system", "merchant" or a staff id ("stf_…").
import { useI18n } from 'vue-i18n'

export function useActor() {
  const { t } = useI18n()
  return (actor: string): string => {
    if (actor === 'buyer' || actor === 'system' || actor === 'merchant') return t(`ops.actor.${actor}`)
    if (actor.startsWith('stf_')) return t('ops.actor.staff', { id: actor })
    return actor
  }
}
