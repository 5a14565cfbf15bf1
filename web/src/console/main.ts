import '@/shared/base.css'
import { createApp } from 'vue'
import { createAppI18n } from '@/shared/i18n'
import ConsoleApp from './ConsoleApp.vue'
import { messages } from './messages'
import { router } from './router'

createApp(ConsoleApp).use(createAppI18n(messages)).use(router).mount('#app')
