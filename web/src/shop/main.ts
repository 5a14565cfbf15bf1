import '@/shared/base.css'
import { createApp } from 'vue'
import { createAppI18n } from '@/shared/i18n'
import ShopApp from './ShopApp.vue'
import { messages } from './messages'
import { router } from './router'

createApp(ShopApp).use(createAppI18n(messages)).use(router).mount('#app')
