import '@/shared/base.css'
import { createApp } from 'vue'
import { createAppI18n } from '@/shared/i18n'
import ShopApp from './ShopApp.vue'
import { messages } from './messages'
import { router } from './router'
// Sends the signed-in customer's token with every store request.
import './me/customerSession'

createApp(ShopApp).use(createAppI18n(messages)).use(router).mount('#app')
